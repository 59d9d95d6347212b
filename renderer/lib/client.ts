import { AppError, type Envelope, internalErrorPayload } from '../../shared/contract/errors';
import type { HallBridge } from '../../shared/contract/bridge';
import type { EventName, InputOf, MethodName, OutputOf, PayloadOf } from '../../shared/contract';

declare global {
  interface Window {
    hallBridge?: HallBridge;
  }
}

const TOKEN_KEY = 'hall.token';

/**
 * The token arrives in the URL fragment (never sent to a server, never in history once removed)
 * and is kept for this tab only, so that a reload in the middle of a case still works.
 */
function takeToken(): string {
  const m = /token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (m?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, m[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return m[1];
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function httpBridge(): HallBridge {
  const token = takeToken();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const connect = () => {
    // Without a token the host refuses everything; calls report that to the clerk.
    if (!token) return;
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/events`;
    let socket: WebSocket;
    try {
      socket = new WebSocket(url, ['hall-events', token]);
    } catch {
      return;
    }
    socket.onmessage = (m) => {
      const { event, payload } = JSON.parse(String(m.data)) as { event: string; payload: unknown };
      for (const h of listeners.get(event) ?? []) h(payload);
    };
    // Reconnect after a host restart; events missed meanwhile are re-read by the pages' queries.
    socket.onclose = () => setTimeout(connect, 1000);
  };
  connect();
  return {
    async invoke(method, input) {
      try {
        const res = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(input ?? {}),
        });
        return (await res.json()) as Envelope<unknown>;
      } catch {
        return { ok: false, error: { code: 'OFFLINE', message: '无法连接本机服务。', hint: '请确认综合窗口程序仍在运行，然后刷新页面。' } };
      }
    },
    on(event, handler) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(handler);
      return () => set.delete(handler);
    },
  };
}

const bridge: HallBridge = window.hallBridge ?? httpBridge();

/** Calls a contract method; failures throw an AppError whose message is for the clerk. */
export async function call<K extends MethodName>(method: K, input: InputOf<K>): Promise<OutputOf<K>> {
  const envelope = await bridge.invoke(method, input).catch(() => ({ ok: false as const, error: internalErrorPayload }));
  if (envelope.ok) return envelope.value as OutputOf<K>;
  throw AppError.fromPayload(envelope.error);
}

export function onEvent<E extends EventName>(event: E, handler: (payload: PayloadOf<E>) => void): () => void {
  return bridge.on(event, handler as (p: unknown) => void);
}

export const hostKind = window.hallBridge ? 'electron' : 'browser';
