import { events, type EventName, type PayloadOf } from '../../shared/contract';

export type EventListener = (name: EventName, payload: unknown) => void;

/**
 * In-process fan-out of contract events. Services emit; each host subscribes once and forwards
 * to its windows or sockets. Payloads are checked against the contract here, at the source.
 */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: PayloadOf<E>): void {
    const checked = events[name].parse(payload);
    for (const listener of this.listeners) {
      try {
        listener(name, checked);
      } catch {
        // A broken window or socket must not stop the others from hearing the event.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
