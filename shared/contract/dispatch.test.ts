import { describe, expect, it, vi } from 'vitest';
import { AppError } from './errors';
import { createDispatcher, type Handlers } from './dispatch';

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const base = {
    'system.ping': (i: { nonce?: string }) => ({ pong: true as const, ...(i.nonce ? { nonce: i.nonce } : {}) }),
    'system.info': () => ({ appVersion: '0', schemaVersion: 0, host: 'browser' as const, dataDir: '/x', now: new Date().toISOString() }),
    'settings.get': () => {
      throw new Error('unused');
    },
    'settings.update': () => {
      throw new Error('unused');
    },
  } as unknown as Handlers;
  return { ...base, ...overrides };
}

describe('dispatcher', () => {
  it('calls the handler with parsed input', async () => {
    const d = createDispatcher(handlers());
    expect(await d('system.ping', { nonce: 'n1' }, { via: 'internal' })).toEqual({ ok: true, value: { pong: true, nonce: 'n1' } });
  });

  it('refuses unknown methods without calling anything', async () => {
    const r = await createDispatcher(handlers())('cases.dropAll', {}, { via: 'http' });
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    if (!r.ok) expect(r.error.message).toMatch(/不存在/);
  });

  it('refuses invalid input before the service runs, with Chinese field messages', async () => {
    const spy = vi.fn();
    const d = createDispatcher(handlers({ 'system.ping': spy as never }));
    const r = await d('system.ping', { nonce: 7 }, { via: 'http' });
    expect(spy).not.toHaveBeenCalled();
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_INPUT');
      expect(r.error.fields?.nonce).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('passes AppErrors through and hides unexpected errors behind a Chinese message', async () => {
    const onInternalError = vi.fn();
    const d = createDispatcher(
      handlers({
        'system.ping': () => {
          throw new AppError('RULE_VIOLATION', '不可以', { rule: 'x.y' });
        },
        'system.info': () => {
          throw new TypeError('boom at 110101199003077777');
        },
      }),
      { onInternalError },
    );
    expect(await d('system.ping', {}, { via: 'ipc' })).toEqual({ ok: false, error: { code: 'RULE_VIOLATION', message: '不可以', rule: 'x.y' } });
    const r = await d('system.info', {}, { via: 'ipc' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (!r.ok) expect(JSON.stringify(r.error)).not.toMatch(/boom|TypeError/);
    expect(onInternalError).toHaveBeenCalledOnce();
  });

  it('treats an output that breaks its schema as an internal error', async () => {
    const d = createDispatcher(handlers({ 'system.ping': (() => ({ pong: 'yes' })) as never }));
    expect(await d('system.ping', {}, { via: 'ipc' })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
