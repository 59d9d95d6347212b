import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CardReadPayload, IdcardStatus } from '../../../../shared/contract/idcard';
import { encodeResponse } from '../../../../shared/domain/idcard';
import { createAppServices, type AppServices } from '../../app';
import { fixtureById } from './fixtures';
import { openPtyPair } from './pty-pair';

async function until<T>(get: () => T | undefined, what: string, ms = 20_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('ID-card service through the contract', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0).reverse()) c();
  });
  const open = (): AppServices => {
    const dir = mkdtempSync(join(tmpdir(), 'zhck-idcard-'));
    const services = createAppServices({ dataDir: dir, host: 'browser' });
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => services.close());
    return services;
  };

  it('simulator driver: place → one idcard.cardRead; settings change restarts the driver', async () => {
    const services = open();
    const reads: CardReadPayload[] = [];
    const states: IdcardStatus[] = [];
    services.events.subscribe((name, p) => {
      if (name === 'idcard.cardRead') reads.push(p as CardReadPayload);
      if (name === 'idcard.state') states.push(p as IdcardStatus);
    });
    const placed = await services.dispatch('idcard.simulator.place', { cardId: 'foreigner2017' }, { via: 'internal' });
    expect(placed).toEqual({ ok: true, value: { placed: 'foreigner2017' } });
    const card = await until(() => reads[0], 'card read');
    expect(card).toMatchObject({ cardType: 'foreigner2017', englishName: 'ALIYEV, NURLAN' });
    expect(card.photoDataUrl).toBeUndefined();
    const once = await services.dispatch('idcard.readOnce', {}, { via: 'internal' });
    expect(once).toMatchObject({ ok: true, value: { idNumber: 'KAZ110090123105' } });

    const unknown = await services.dispatch('idcard.simulator.place', { cardId: 'nope' }, { via: 'internal' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '没有这张模拟证件。' } });

    services.settings.update({ devices: { idcard: { ...services.settings.get().devices.idcard, driver: 'none' } } });
    await until(() => states.find((s) => s.driver === 'none' && s.message === '未配置读卡器'), 'driver none');
    const refused = await services.dispatch('idcard.simulator.place', { cardId: 'resident' }, { via: 'internal' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } });
    expect(await services.dispatch('idcard.readOnce', {}, { via: 'internal' })).toMatchObject({ ok: false, error: { code: 'DEVICE' } });
  }, 60_000);

  it('listPorts answers even where udevadm is missing', async () => {
    const services = open();
    const r = await services.dispatch('idcard.listPorts', {}, { via: 'internal' });
    expect(r.ok).toBe(true);
  });

  it('without socat the simulator fails with a clear Chinese message instead of a fake', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(openPtyPair()).rejects.toThrow('本机没有安装 socat');
    } finally {
      process.env.PATH = path;
    }
  });
});

describe('npm run idcard', () => {
  const cli = resolve(import.meta.dirname, '../../../cli/idcard.ts');
  const tsx = resolve(import.meta.dirname, '../../../../node_modules/.bin/tsx');
  it('decode prints the card of a whole reply frame or a bare text block, and refuses garbage in Chinese', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhck-cli-'));
    try {
      const f = fixtureById('hkMacaoTaiwan')!;
      writeFileSync(join(dir, 'reply.bin'), encodeResponse(0x90, Uint8Array.from([1, 0, 4, 0, ...f.text, ...f.photo])));
      writeFileSync(join(dir, 'text.bin'), f.text);
      writeFileSync(join(dir, 'junk.bin'), Buffer.from('AAAAAA96690003', 'hex'));
      for (const name of ['reply.bin', 'text.bin']) {
        const r = spawnSync(tsx, [cli, 'decode', join(dir, name)], { encoding: 'utf8' });
        expect(r.status).toBe(0);
        expect(JSON.parse(r.stdout)).toMatchObject({ cardType: 'hkMacaoTaiwan', name: '陈家豪', passNumber: 'H12345678' });
      }
      const bad = spawnSync(tsx, [cli, 'decode', join(dir, 'junk.bin')], { encoding: 'utf8' });
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain('读卡器返回的数据不完整或已损坏');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
