import type { Envelope } from './errors';

/**
 * What the Electron preload exposes as `window.hallBridge`: two functions, nothing else.
 * The browser host offers the same two over fetch and a WebSocket.
 */
export interface HallBridge {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>;
  on(event: string, handler: (payload: unknown) => void): () => void;
}

export const IPC_INVOKE_CHANNEL = 'hall:invoke';
export const IPC_EVENT_CHANNEL = 'hall:event';
