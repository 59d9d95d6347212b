import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DB, openDatabase } from '../../electron/services/db/connection';
import { migrate } from '../../electron/services/db/migrate';
import { migrations } from '../../electron/services/db/migrations';
import { createLogger } from '../../electron/services/log';
import { appendOutbox } from '../../electron/services/outbox/outbox';
import { casesTableStatusApplier } from '../../electron/services/sync/appliers';
import { SyncEngine, type SyncEngineOptions } from '../../electron/services/sync/engine';
import type { PlatformDB } from '../central/store';

/** A migrated client database in `dir` (window.sqlite) with its blobs folder. */
export function clientDb(dir: string): DB {
  mkdirSync(join(dir, 'blobs'), { recursive: true });
  const db = openDatabase(join(dir, 'window.sqlite'));
  migrate(db, migrations);
  return db;
}

export function writeBlob(dir: string, bytes: Buffer): string {
  const sha = createHash('sha256').update(bytes).digest('hex');
  writeFileSync(join(dir, 'blobs', sha), bytes);
  return sha;
}

export const caseNoOf = (n: number, windowNo = 1) => `2026112301${String(windowNo).padStart(2, '0')}${String(n).padStart(5, '0')}`;

/** What the case service does at 受理: the case row and its `case.event` op, one transaction. */
export function acceptCase(db: DB, n: number, options: { itemId?: string; blobRefs?: string[]; windowNo?: number; caseNo?: string } = {}) {
  const caseId = `case-${options.windowNo ?? 1}-${n}`;
  const caseNo = options.caseNo ?? caseNoOf(n, options.windowNo);
  const at = '2026-11-23T08:00:00.000Z';
  const applicant = { kind: 'person', name: '王小明', certType: '111', certNo: '110101199003071234' };
  const payload = {
    caseId,
    caseNo,
    queryPassword: '1234',
    action: 'accept',
    status: '已受理',
    statusCode: 1,
    at,
    clerk: '张三',
    windowNo: options.windowNo ?? 1,
    hallCode: '110101',
    applicant,
    agent: null,
    items: [{ itemId: options.itemId ?? 'P00001', version: 1, name: '个体工商户设立登记' }],
    bundleId: null,
    materials: [{ key: 'form', name: '申请表', state: 'paper', count: 1 }],
    promiseDue: '2026-11-30',
    detail: { n },
  };
  return db.transaction(() => {
    db.prepare(
      `INSERT INTO cases (id, case_no, status, status_code, applicant, receive_region, handle_region, catalog_version, clerk_name, window_no, created_at, updated_at)
       VALUES (?, ?, '已受理', 1, ?, '110101', '110101', '1', '张三', ?, ?, ?)`,
    ).run(caseId, caseNo, JSON.stringify(applicant), options.windowNo ?? 1, at, at);
    return { caseId, caseNo, ...appendOutbox(db, { type: 'case.event', schemaVersion: 1, aggregateId: caseId, payload, blobRefs: options.blobRefs ?? [], at }) };
  })();
}

/** An engine with test-sized timings against `url`. */
export function testEngine(db: DB, dir: string, url: string, overrides: Partial<SyncEngineOptions> = {}): SyncEngine {
  return new SyncEngine({
    db,
    blobDir: join(dir, 'blobs'),
    log: createLogger({ dir: join(dir, 'logs') }),
    identity: () => ({ centralUrl: url, hallCode: '110101', windowNo: 1, hallName: '测试大厅' }),
    applyPlatformStatus: casesTableStatusApplier(db),
    baseDelayMs: 5,
    maxDelayMs: 50,
    requestTimeoutMs: 2000,
    idlePollMs: 20,
    probeIntervalMs: 20,
    pullIntervalMs: 100,
    ...overrides,
  });
}

/** Resolves when `check` holds, polling; fails after `ms` with `what`. */
export async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The platform's view of one client's ops, for exactly-once checks. */
export function platformOps(pdb: PlatformDB) {
  return pdb.prepare('SELECT seq, op_id AS opId, payload, status FROM ops ORDER BY client_id, seq').all() as { seq: number; opId: string; payload: string; status: string }[];
}
