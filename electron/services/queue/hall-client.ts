import WebSocket from 'ws';
import { AppError, type Envelope, type ErrorPayload } from '../../../shared/contract/errors';
import { type HallEvent, hallEventSchema, type HallInput, type HallOpName, type HallOutput } from '../../../shared/contract/queue';
import { dispatchHall } from './hall-dispatch';
import type { HallQueue } from './hall-queue';
import { HALL_WS_PROTOCOL } from './hall-server';

/** How the clerk client reaches a hall service, embedded in this process or across the LAN. */
export interface HallClient {
  readonly mode: 'embedded' | 'remote';
  readonly url: string;
  call<K extends HallOpName>(op: K, input: HallInput<K>): Promise<HallOutput<K>>;
  subscribe(fn: (e: HallEvent) => void): () => void;
  /** Fires with true when the event stream (re)connects, false when it drops. */
  onConnection(fn: (online: boolean) => void): () => void;
  close(): void;
}

const unwrap = <T>(envelope: Envelope<unknown>): T => {
  if (envelope.ok) return envelope.value as T;
  throw AppError.fromPayload(envelope.error);
};

export function embeddedHallClient(queue: HallQueue, url: string): HallClient {
  return {
    mode: 'embedded',
    url,
    call: async (op, input) => unwrap(dispatchHall(queue, op, input)),
    subscribe: (fn) => queue.subscribe(fn),
    onConnection: () => () => {},
    close: () => {},
  };
}

export const offlineError = (url: string, cause?: unknown) =>
  new AppError('OFFLINE', `无法连接叫号服务（${url}）。`, {
    hint: '现场来办的群众可以直接受理；请检查网线或叫号服务主机，恢复后系统会自动重连。',
    ...(cause === undefined ? {} : { cause }),
  });

/** HTTP for calls, one WebSocket for events, reconnecting with a back-off. */
export function remoteHallClient(baseUrl: string, key: string, options: { timeoutMs?: number } = {}): HallClient {
  const base = baseUrl.replace(/\/+$/, '');
  const listeners = new Set<(e: HallEvent) => void>();
  const connListeners = new Set<(online: boolean) => void>();
  let socket: WebSocket | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  let delay = 500;

  const connect = () => {
    if (closed) return;
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/events`, [HALL_WS_PROTOCOL, key]);
    socket = ws;
    ws.on('open', () => {
      delay = 500;
      for (const fn of connListeners) fn(true);
    });
    ws.on('message', (data) => {
      const parsed = hallEventSchema.safeParse(safeJson(String(data)));
      if (parsed.success) for (const fn of listeners) fn(parsed.data);
    });
    ws.on('error', () => {});
    ws.on('close', () => {
      if (socket === ws) socket = null;
      if (closed) return;
      for (const fn of connListeners) fn(false);
      retry = setTimeout(connect, delay);
      delay = Math.min(delay * 2, 5000);
    });
  };
  connect();

  return {
    mode: 'remote',
    url: base,
    async call(op, input) {
      let res: Response;
      try {
        res = await fetch(`${base}/api/${op}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
          body: JSON.stringify(input),
          signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
        });
      } catch (error) {
        throw offlineError(base, error);
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch (error) {
        throw new AppError('BAD_REPLY', '叫号服务的应答无法识别。', { hint: '请确认设置中的叫号服务地址指向大厅的叫号服务。', cause: error });
      }
      const env = body as Envelope<unknown>;
      if (typeof env !== 'object' || env === null || typeof env.ok !== 'boolean') {
        throw new AppError('BAD_REPLY', '叫号服务的应答无法识别。', { hint: '请确认设置中的叫号服务地址指向大厅的叫号服务。' });
      }
      return unwrap(env.ok ? env : { ok: false, error: env.error as ErrorPayload });
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    onConnection(fn) {
      connListeners.add(fn);
      return () => connListeners.delete(fn);
    },
    close() {
      closed = true;
      if (retry) clearTimeout(retry);
      socket?.terminate();
    },
  };
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
