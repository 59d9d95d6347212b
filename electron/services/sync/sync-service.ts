import type { Settings } from '../../../shared/contract/settings';
import type { SyncProblem, SyncStatus } from '../../../shared/contract/sync';
import { AppError } from '../../../shared/contract/errors';
import { maskPersonalData } from '../../../shared/domain/redact';
import { type DB, writeTransaction } from '../db/connection';
import type { EventHub } from '../events';
import type { Logger } from '../log';
import { appendOutbox } from '../outbox/outbox';
import { type ApplyPlatformStatus, casesTableStatusApplier } from './appliers';
import { SyncEngine, type SyncEngineOptions, type SyncEngineStatus } from './engine';
import { elicenseReplySchema } from './protocol';

export interface SyncServiceOptions {
  db: DB;
  blobDir: string;
  log: Logger;
  events: EventHub;
  settings: { get(): Settings };
  /** The case service's; defaults to the cases-table implementation in appliers.ts. */
  applyPlatformStatus?: ApplyPlatformStatus;
  onCatalogChanged?: () => void;
  engine?: Partial<SyncEngineOptions>;
}

/**
 * The sync capability: runs one engine while a platform address is set (a new address or a
 * cleared one restarts or stops it), answers the contract's sync.* and elicense.* methods, and
 * publishes `sync.status`.
 */
export class SyncService {
  private engine: SyncEngine | null = null;
  private engineUrl = '';
  private transition: Promise<void> = Promise.resolve();

  constructor(private readonly o: SyncServiceOptions) {}

  /** Starts, restarts or stops the engine to match the settings. */
  reconcile(): Promise<void> {
    this.transition = this.transition.then(async () => {
      const url = this.o.settings.get().centralUrl;
      if (url === this.engineUrl && this.engine) return;
      await this.engine?.stop();
      this.engine = null;
      this.engineUrl = url;
      if (url !== '') {
        this.engine = new SyncEngine({
          db: this.o.db,
          blobDir: this.o.blobDir,
          log: this.o.log,
          identity: () => {
            const s = this.o.settings.get();
            return { centralUrl: s.centralUrl, hallCode: s.hallCode, windowNo: s.windowNo, hallName: s.hallName };
          },
          applyPlatformStatus: this.o.applyPlatformStatus ?? casesTableStatusApplier(this.o.db),
          onCatalogChanged: this.o.onCatalogChanged,
          onStatus: (s) => this.o.events.emit('sync.status', this.toContract(s)),
          ...this.o.engine,
        });
        this.engine.start();
      }
      this.o.events.emit('sync.status', this.status());
    });
    return this.transition;
  }

  /** New ops were committed: send them now rather than at the next poll. */
  kick(): void {
    this.engine?.kick();
  }

  async close(): Promise<void> {
    await this.transition;
    await this.engine?.stop();
    this.engine = null;
  }

  status(): SyncStatus {
    if (!this.engine) {
      const pending = (this.o.db.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }).n;
      return { state: 'off', pending, rejected: this.problems().length, lastSyncAt: null, draining: null, clockOffsetMs: null, clockDrift: false, message: null };
    }
    return this.toContract(this.engine.status());
  }

  retryNow(): SyncStatus {
    this.engine?.kick(true);
    return this.status();
  }

  problems(): SyncProblem[] {
    const rows = this.o.db
      .prepare("SELECT seq, op_type, payload, created_at, reject_code, reject_reason FROM outbox WHERE state = 'rejected' AND retried_as IS NULL ORDER BY seq")
      .all() as { seq: number; op_type: string; payload: string; created_at: string; reject_code: string | null; reject_reason: string | null }[];
    return rows.map((r) => ({ seq: r.seq, opType: r.op_type, summary: summarize(r.op_type, r.payload), createdAt: r.created_at, code: r.reject_code ?? 'REJECTED', reason: r.reject_reason ?? '平台拒收，未说明原因' }));
  }

  /**
   * Sends a refused op again. Its seq is spent on the platform, so the copy is a new op with a new
   * seq; the original stays in the outbox as history, marked with the copy's seq.
   */
  retryProblem(seq: number): { newSeq: number } {
    const result = writeTransaction(this.o.db, () => {
      const r = this.o.db.prepare("SELECT op_type, schema_version, aggregate_id, payload, blob_refs FROM outbox WHERE seq = ? AND state = 'rejected' AND retried_as IS NULL").get(seq) as
        | { op_type: string; schema_version: number; aggregate_id: string | null; payload: string; blob_refs: string }
        | undefined;
      if (!r) throw new AppError('NOT_FOUND', '这条同步问题已处理或不存在。', { hint: '请刷新同步问题列表。' });
      const copy = appendOutbox(this.o.db, {
        type: r.op_type,
        schemaVersion: r.schema_version,
        aggregateId: r.aggregate_id,
        payload: JSON.parse(r.payload) as unknown,
        blobRefs: JSON.parse(r.blob_refs) as string[],
        at: new Date().toISOString(),
      });
      this.o.db.prepare('UPDATE outbox SET retried_as = ? WHERE seq = ?').run(copy.seq, seq);
      return { newSeq: copy.seq };
    });
    this.engine?.kick();
    return result;
  }

  /** The problems as a JSON file for 信息科, ID numbers masked. */
  exportProblems(): { fileName: string; content: string; count: number } {
    const problems = this.problems();
    const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
    return { fileName: `同步问题-${stamp}.json`, content: maskPersonalData(JSON.stringify({ exportedAt: new Date().toISOString(), problems }, null, 2)), count: problems.length };
  }

  async elicenseLookup(input: { certNo: string; licenseType: string }): Promise<{ status: 'found'; licenseId: string; name: string } | { status: 'notFound' } | { status: 'offline' }> {
    if (!this.engine) return { status: 'offline' };
    try {
      const q = new URLSearchParams(input);
      const { body } = await this.engine.client.call('GET', `/elicense/lookup?${q}`, {}, elicenseReplySchema, [200]);
      return body.status === 'found' ? { status: 'found', licenseId: body.licenseId, name: body.name } : { status: 'notFound' };
    } catch {
      return { status: 'offline' };
    }
  }

  private toContract(s: SyncEngineStatus): SyncStatus {
    return { ...s, state: s.state === 'stopped' ? 'offline' : s.state };
  }
}

/** One line a clerk recognises: 受理号 and applicant, the ID number masked. */
function summarize(opType: string, payload: string): string {
  try {
    const p = JSON.parse(payload) as { caseNo?: string; applicant?: { name?: string; certNo?: string }; grade?: number | null };
    const kind = opType === 'case.event' ? '办件' : opType === 'rating.submitted' ? '评价' : opType;
    const who = p.applicant?.name ? ` · ${p.applicant.name}${p.applicant.certNo ? `（${p.applicant.certNo}）` : ''}` : '';
    return maskPersonalData(`${kind} ${p.caseNo ?? ''}${who}`.trim());
  } catch {
    return opType;
  }
}
