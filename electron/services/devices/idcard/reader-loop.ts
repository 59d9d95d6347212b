/**
 * The polling loop every driver shares: open (and reopen after an unplug), poll for a card,
 * read each placement once. A card left on the reader is not read again; its removal is noticed
 * by the next empty find, and only then can the next placement be read.
 */
import { AppError, isAppError } from '../../../../shared/contract/errors';
import type { CardRead, ReaderBackend } from './sam-reader';

export type ReaderState = 'disconnected' | 'ready' | 'reading' | 'fault';

export interface LoopEvents {
  state(state: ReaderState, message?: string): void;
  card(read: CardRead, replyAt: number): void;
}

export interface LoopOptions {
  open(): Promise<ReaderBackend>;
  pollMs?: number;
  reconnectMs?: number;
  /** Failed reads of one placement before waiting for the card to be taken away. */
  maxAttempts?: number;
  /** performance.now() of the reply that completed the last read, when the backend knows it. */
  replyAt?(): number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class ReaderLoop {
  private running = false;
  private backend: ReaderBackend | null = null;
  private done: Promise<void> = Promise.resolve();
  private wake: (() => void) | null = null;
  private busy: Promise<unknown> = Promise.resolve();
  state: ReaderState = 'disconnected';
  /** A card was read and has not been taken away since. */
  cardPresent = false;
  /** The card on the reader failed to read too often; the fault stays until it is taken away. */
  private gaveUp = false;
  message: string | undefined;

  constructor(
    private readonly options: LoopOptions,
    private readonly events: LoopEvents,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.done = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.done;
    await this.backend?.close().catch(() => undefined);
    this.backend = null;
    this.setState('disconnected');
  }

  /** One find + read outside the loop's rhythm (`idcard.readOnce`), even for a card already read. */
  async readOnce(): Promise<CardRead> {
    const backend = this.backend;
    if (!backend || backend.closed) throw new AppError('DEVICE', '读卡器未连接。', { hint: this.message ?? '请检查读卡器连接和设置。' });
    return this.exclusive(async () => {
      if (!(await backend.find())) throw new AppError('DEVICE', '读卡器上没有证件。', { hint: '请把证件平放在读卡区后再试。' });
      return backend.read();
    });
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.busy.then(fn, fn);
    this.busy = next.catch(() => undefined);
    return next;
  }

  private setState(state: ReaderState, message?: string): void {
    if (state === this.state && message === this.message) return;
    this.state = state;
    this.message = message;
    this.events.state(state, message);
  }

  private pause(ms: number): Promise<void> {
    return Promise.race([sleep(ms), new Promise<void>((r) => (this.wake = () => r()))]);
  }

  private async loop(): Promise<void> {
    let attempts = 0;
    while (this.running) {
      if (!this.backend || this.backend.closed) {
        try {
          await this.backend?.close().catch(() => undefined);
          this.backend = await this.options.open();
          if (!this.running) break;
          this.setState('ready');
        } catch (error) {
          this.backend = null;
          this.setState('fault', clerkMessage(error));
          await this.pause(this.options.reconnectMs ?? 2000);
          continue;
        }
      }
      const backend = this.backend;
      try {
        const present = await this.exclusive(() => backend.find());
        if (!present) {
          this.cardPresent = false;
          this.gaveUp = false;
          attempts = 0;
          this.setState('ready');
        } else if (this.cardPresent) {
          // The card read before is still there: a passing fault (timeout, bad frame) is over.
          if (!this.gaveUp) this.setState('ready');
        } else {
          this.setState('reading');
          attempts++;
          const read = await this.exclusive(() => backend.read());
          this.cardPresent = true;
          this.setState('ready');
          this.events.card(read, this.options.replyAt?.() ?? performance.now());
        }
      } catch (error) {
        if (!this.running) break;
        this.setState('fault', clerkMessage(error));
        if (attempts >= (this.options.maxAttempts ?? 3)) this.cardPresent = this.gaveUp = true;
      }
      await this.pause(this.options.pollMs ?? 200);
    }
  }
}

export function clerkMessage(error: unknown): string {
  return isAppError(error) ? error.message : '读卡器出现未知错误。';
}
