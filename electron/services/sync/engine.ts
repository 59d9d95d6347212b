import type { DB } from '../db/connection';
import { writeTransaction } from '../db/connection';
import type { Logger } from '../log';
import { outboxCounts } from '../outbox/outbox';
import { type ApplyPlatformStatus, calendarApplier, casesApplier, catalogApplier, datasetOrder, type DatasetApplier } from './appliers';
import type { Dataset } from './protocol';
import { z } from '../../../shared/contract/zod';
import { pullDataset, type PullHooks } from './puller';
import { sendBatch, type SenderHooks } from './sender';
import { type Identity, PlatformClient, SyncError } from './transport';

export interface SyncClock {
  now(): number;
  /** Resolves after `ms`, or at once when `wake` aborts. */
  sleep(ms: number, wake: AbortSignal): Promise<void>;
}

export const realClock: SyncClock = {
  now: () => Date.now(),
  sleep: (ms, wake) =>
    new Promise((resolve) => {
      if (wake.aborted) return resolve();
      const onWake = () => (clearTimeout(t), resolve());
      // The listener goes when the timer fires: the same wake signal serves many sleeps.
      const t = setTimeout(() => (wake.removeEventListener('abort', onWake), resolve()), ms);
      wake.addEventListener('abort', onWake, { once: true });
    }),
};

export interface SyncEngineStatus {
  state: 'online' | 'offline' | 'stopped';
  pending: number;
  rejected: number;
  lastSyncAt: string | null;
  draining: { done: number; total: number } | null;
  clockOffsetMs: number | null;
  clockDrift: boolean;
  message: string | null;
}

export interface SyncEngineOptions {
  db: DB;
  blobDir: string;
  log: Logger;
  identity: () => Identity;
  applyPlatformStatus: ApplyPlatformStatus;
  onCatalogChanged?: () => void;
  onStatus?: (status: SyncEngineStatus) => void;
  clock?: SyncClock;
  random?: () => number;
  batchSize?: number;
  pageSize?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  requestTimeoutMs?: number;
  idlePollMs?: number;
  pullIntervalMs?: number;
  probeIntervalMs?: number;
  driftWarnMs?: number;
  hooks?: SenderHooks & PullHooks;
}

/**
 * Ops per push. Each batch costs one commit (an fsync) on the platform and one for the local
 * acknowledgement, so larger batches drain a backlog faster; the sender also ends a batch at
 * MAX_BATCH_BYTES so a slow uplink still carries it within the request timeout. ≤ 500 (protocol).
 */
export const DEFAULT_BATCH_SIZE = 250;

/** Full jitter (AWS architecture blog): uniform in [0, min(cap, base·2^attempt)). */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30)));
}

const healthSchema = z.object({ ok: z.literal(true) }).loose();

/**
 * The one sender and puller of a client (main process). Works the outbox in `seq` order until it
 * is empty, then pulls each dataset; on failure backs off with full jitter (capped) while probing
 * the platform, so it resumes at once when the link returns.
 */
export class SyncEngine {
  private readonly o: Required<Omit<SyncEngineOptions, 'onCatalogChanged' | 'onStatus' | 'hooks'>> & Pick<SyncEngineOptions, 'onCatalogChanged' | 'onStatus' | 'hooks'>;
  readonly client: PlatformClient;
  private readonly appliers: Record<Dataset, DatasetApplier>;
  private readonly cases: ReturnType<typeof casesApplier>;
  private readonly stopController = new AbortController();
  private wake = new AbortController();
  private loopPromise: Promise<void> | null = null;
  private stopped = true;
  private pullRequested = true;
  private current: SyncEngineStatus = { state: 'stopped', pending: 0, rejected: 0, lastSyncAt: null, draining: null, clockOffsetMs: null, clockDrift: false, message: null };

  constructor(options: SyncEngineOptions) {
    this.o = {
      clock: realClock,
      random: Math.random,
      batchSize: DEFAULT_BATCH_SIZE,
      pageSize: 500,
      baseDelayMs: 1000,
      maxDelayMs: 5 * 60_000,
      requestTimeoutMs: 15_000,
      idlePollMs: 2000,
      pullIntervalMs: 60_000,
      probeIntervalMs: 5000,
      driftWarnMs: 2 * 60_000,
      ...options,
    };
    this.client = new PlatformClient(this.o.db, this.o.identity, {
      timeoutMs: this.o.requestTimeoutMs,
      now: () => this.o.clock.now(),
      stop: this.stopController.signal,
      onMalformed: (info) => this.o.log.warn('sync: malformed platform reply refused', info),
    });
    this.cases = casesApplier(this.o.applyPlatformStatus);
    this.appliers = { catalog: catalogApplier(), calendar: calendarApplier(), cases: this.cases };
    const row = this.o.db.prepare('SELECT last_sync_at, clock_offset_ms FROM sync_client WHERE id = 1').get() as { last_sync_at: string | null; clock_offset_ms: number | null } | undefined;
    this.current.lastSyncAt = row?.last_sync_at ?? null;
    this.current.clockOffsetMs = row?.clock_offset_ms ?? null;
    this.refreshCounts();
  }

  status(): SyncEngineStatus {
    return { ...this.current };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.current.state = 'offline';
    this.loopPromise = this.loop();
  }

  /** Stops the loop and any request in flight; resolves when no timer or request is left. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopController.abort();
    this.wake.abort();
    await this.loopPromise;
    this.loopPromise = null;
    this.current.state = 'stopped';
  }

  /** New ops were committed, or the clerk pressed 立即同步: stop waiting. */
  kick(pull = false): void {
    if (pull) this.pullRequested = true;
    this.wake.abort();
  }

  /** One full round (push everything, pull every dataset); throws what went wrong. For tests and the CLI. */
  async syncOnce(): Promise<void> {
    await this.pushAll();
    await this.pullAll();
    this.markSynced();
  }

  async pushAll(): Promise<number> {
    const { db } = this.o;
    let total = 0;
    const start = outboxCounts(db).pending;
    for (;;) {
      const n = await sendBatch(db, this.client, this.o.blobDir, this.o.batchSize, () => new Date(this.o.clock.now()).toISOString(), this.o.hooks);
      if (n === 0) break;
      total += n;
      writeTransaction(db, () => this.cases.retryDeferred(db));
      this.refreshCounts();
      this.current.draining = start > this.o.batchSize ? { done: Math.min(total, start), total: start } : null;
      this.emit();
      if (this.stopped && this.loopPromise) break;
    }
    if (this.current.draining) {
      this.current.draining = null;
      this.emit();
    }
    return total;
  }

  async pullAll(): Promise<void> {
    // Cleared first: a request arriving during this pull asks for another one.
    this.pullRequested = false;
    for (const dataset of datasetOrder) {
      const n = await pullDataset(this.o.db, this.client, dataset, this.appliers[dataset], this.o.pageSize, this.o.hooks);
      if (n > 0 && dataset === 'catalog') this.o.onCatalogChanged?.();
    }
  }

  private async loop(): Promise<void> {
    let failures = 0;
    let lastPull = Number.NEGATIVE_INFINITY;
    while (!this.stopped) {
      try {
        const pushed = await this.pushAll();
        let pulled = false;
        if (pushed > 0 || this.pullRequested || this.o.clock.now() - lastPull >= this.o.pullIntervalMs) {
          await this.pullAll();
          lastPull = this.o.clock.now();
          pulled = true;
        }
        failures = 0;
        // An idle poll that found nothing writes nothing.
        if (pushed > 0 || pulled || this.current.state !== 'online') this.markSynced();
        await this.sleep(this.o.idlePollMs);
      } catch (error) {
        if (this.stopped) break;
        failures++;
        this.pullRequested = true; // the round did not finish: pull as soon as the link is back
        this.markOffline(error);
        const retryAfter = error instanceof SyncError ? error.retryAfterMs : undefined;
        await this.backoff(retryAfter ?? backoffDelay(failures, this.o.baseDelayMs, this.o.maxDelayMs, this.o.random), failures);
      }
    }
  }

  private async sleep(ms: number): Promise<void> {
    if (this.wake.signal.aborted) {
      // kicked while busy: go round again at once
      this.wake = new AbortController();
      return;
    }
    await this.o.clock.sleep(ms, this.wake.signal);
  }

  /**
   * Waits out backoff delays until the platform answers `/health` (a cheap probe that writes
   * nothing locally, so a long weekend offline does not churn the database), or until kicked.
   * Probes also run inside a long delay, so a returning link ends the wait early.
   */
  private async backoff(firstDelay: number, failures: number): Promise<void> {
    let delay = firstDelay;
    for (;;) {
      let remaining = delay;
      while (remaining > 0) {
        if (this.stopped) return;
        const chunk = Math.min(remaining, this.o.probeIntervalMs);
        if (this.wake.signal.aborted) {
          // kicked while the failed round was still running: retry at once
          this.wake = new AbortController();
          return;
        }
        const signal = this.wake.signal;
        await this.o.clock.sleep(chunk, signal);
        if (signal.aborted) return;
        remaining -= chunk;
        if (remaining > 0 && (await this.probe())) return;
      }
      if (this.stopped || (await this.probe())) return;
      delay = backoffDelay(++failures, this.o.baseDelayMs, this.o.maxDelayMs, this.o.random);
    }
  }

  private async probe(): Promise<boolean> {
    try {
      await this.client.raw('GET', '/health', {}, healthSchema, [200]);
      return true;
    } catch {
      return false;
    }
  }

  private markSynced() {
    const at = new Date(this.o.clock.now()).toISOString();
    this.current.state = 'online';
    this.current.message = null;
    this.current.lastSyncAt = at;
    this.noteClock();
    this.o.db.prepare('UPDATE sync_client SET last_sync_at = ?, clock_offset_ms = ? WHERE id = 1').run(at, this.current.clockOffsetMs);
    this.refreshCounts();
    this.emit();
  }

  private markOffline(error: unknown) {
    const message = error instanceof SyncError ? error.message : '同步出错，稍后自动重试';
    if (!(error instanceof SyncError)) this.o.log.error('sync: unexpected failure', { error: error instanceof Error ? error.name : 'unknown', detail: error instanceof Error ? error.message : String(error) });
    else if (error.code === 'SEQ_GAP') this.o.log.warn('sync: sequence gap', { detail: error.message });
    const wasOnline = this.current.state === 'online';
    this.current.state = 'offline';
    this.current.message = message;
    this.current.draining = null;
    this.noteClock();
    this.refreshCounts();
    if (wasOnline || this.current.message !== message) this.o.log.info('sync: platform unreachable', { code: error instanceof SyncError ? error.code : 'LOCAL' });
    this.emit();
  }

  private noteClock() {
    if (this.client.clockOffsetMs === null) return;
    this.current.clockOffsetMs = this.client.clockOffsetMs;
    const drift = Math.abs(this.client.clockOffsetMs) > this.o.driftWarnMs;
    if (drift && !this.current.clockDrift) this.o.log.warn('sync: client clock differs from the platform', { offsetMs: this.client.clockOffsetMs });
    this.current.clockDrift = drift;
  }

  private refreshCounts() {
    const c = outboxCounts(this.o.db);
    const rejected = (this.o.db.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'rejected' AND retried_as IS NULL").get() as { n: number }).n;
    this.current.pending = c.pending;
    this.current.rejected = rejected;
  }

  private emit() {
    this.o.onStatus?.(this.status());
  }
}
