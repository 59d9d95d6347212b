import { AppError, type Envelope, internalErrorPayload, invalidInput, isAppError } from './errors';
import { isMethodName, type MethodName, methods, type OutputOf, type ParsedInputOf } from './index';

/** Who is calling; hosts fill it in, handlers may use it for attribution and auditing. */
export interface CallContext {
  via: 'ipc' | 'http' | 'internal';
  /** Idempotency key for retried mutations, when the caller sends one. */
  requestId?: string;
}

export type Handler<K extends MethodName> = (
  input: ParsedInputOf<K>,
  ctx: CallContext,
) => OutputOf<K> | Promise<OutputOf<K>>;

export type Handlers = { [K in MethodName]: Handler<K> };

export interface DispatchHooks {
  /** Called with unexpected (non-AppError) failures; must not log personal data. */
  onInternalError?: (method: string, error: unknown) => void;
}

/**
 * The single binding helper both hosts use: name + untrusted input in, envelope out.
 * Input is validated before any service runs; output is validated so that a service bug
 * never hands the renderer a shape it does not expect.
 */
export function createDispatcher(handlers: Handlers, hooks: DispatchHooks = {}) {
  return async function dispatch(name: string, rawInput: unknown, ctx: CallContext): Promise<Envelope<unknown>> {
    if (!isMethodName(name)) {
      return {
        ok: false,
        error: new AppError('UNKNOWN_METHOD', '客户端请求了不存在的功能。', {
          hint: '请刷新页面；如果仍然出现，请联系信息科升级客户端。',
        }).toPayload(),
      };
    }
    const spec = methods[name];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: invalidInput(parsed.error.issues).toPayload() };
    try {
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
      const result = await handler(parsed.data, ctx);
      const checked = spec.output.safeParse(result);
      if (!checked.success) {
        hooks.onInternalError?.(name, new Error(`output of ${name} failed its schema: ${checked.error.issues.map((i) => i.path.join('.')).join(', ')}`));
        return { ok: false, error: internalErrorPayload };
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      if (isAppError(error)) return { ok: false, error: error.toPayload() };
      hooks.onInternalError?.(name, error);
      return { ok: false, error: internalErrorPayload };
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
