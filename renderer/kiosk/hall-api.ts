import { AppError, type Envelope } from '../../shared/contract/errors';
import { type HallEvent, hallEventSchema, type HallInput, type HallOpName, type HallOutput } from '../../shared/contract/queue';

/**
 * The kiosk's and the display's link to the hall queue service that served them: POST /api/<op>
 * and the /events socket, both with the hall key. The key arrives once in the address fragment
 * (#key=…) and is kept in localStorage so that a kiosk rebooting into the same address works.
 */
const KEY = 'hall.queueKey';

function takeKey(): string {
  const m = /key=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (m?.[1]) {
    localStorage.setItem(KEY, m[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return m[1];
  }
  return localStorage.getItem(KEY) ?? '';
}

const hallKey = takeKey();

export async function hallCall<K extends HallOpName>(op: K, input: HallInput<K>): Promise<HallOutput<K>> {
  let envelope: Envelope<unknown>;
  try {
    const res = await fetch(`/api/${op}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${hallKey}` },
      body: JSON.stringify(input),
    });
    envelope = (await res.json()) as Envelope<unknown>;
  } catch {
    throw new AppError('OFFLINE', '暂时连不上叫号服务。', { hint: '请稍候再试，或请大厅工作人员帮助。' });
  }
  if (envelope.ok) return envelope.value as HallOutput<K>;
  throw AppError.fromPayload(envelope.error);
}

/** Subscribes to the hall's events; `onLink(false)` while the socket is down (it reconnects). */
export function onHallEvents(fn: (e: HallEvent) => void, onLink: (up: boolean) => void): () => void {
  let stopped = false;
  let socket: WebSocket | null = null;
  const connect = () => {
    if (stopped) return;
    socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/events`, ['hall-queue', hallKey || 'none']);
    socket.onopen = () => onLink(true);
    socket.onmessage = (m) => {
      let raw: unknown;
      try {
        raw = JSON.parse(String(m.data));
      } catch {
        return;
      }
      const parsed = hallEventSchema.safeParse(raw);
      if (parsed.success) fn(parsed.data);
    };
    socket.onclose = () => {
      onLink(false);
      setTimeout(connect, 1500);
    };
  };
  connect();
  return () => {
    stopped = true;
    socket?.close();
  };
}

export const newRequestId = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`).replace(/[^A-Za-z0-9_-]/g, '');
