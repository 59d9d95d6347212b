import { createHash } from 'node:crypto';
import { maskPersonalData } from '../../../shared/domain/redact';
import type { DB } from '../db/connection';

export interface AuditEntry {
  actor: string;
  action: string;
  target?: string;
  detail?: Record<string, unknown>;
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

/** The hash covers every column but itself, so editing any field or deleting a row breaks the chain. */
function rowHash(r: Omit<AuditRow, 'hash'>): string {
  return createHash('sha256').update(JSON.stringify([r.id, r.at, r.actor, r.action, r.target, r.detail, r.prev_hash])).digest('hex');
}

/**
 * Appends one audit row chained to the previous. Personal data is masked before it is written:
 * the audit log outlives cases and must never hold a full ID number. Call inside the action's
 * transaction so that an action and its audit row commit together.
 */
export function appendAudit(db: DB, entry: AuditEntry, at = new Date().toISOString()): void {
  const last = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
  const row = {
    id: (last?.id ?? 0) + 1,
    at,
    actor: maskPersonalData(entry.actor),
    action: entry.action,
    target: maskPersonalData(entry.target ?? ''),
    detail: maskPersonalData(JSON.stringify(entry.detail ?? {})),
    prev_hash: last?.hash ?? GENESIS,
  };
  db.prepare('INSERT INTO audit_log (id, at, actor, action, target, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    row.id,
    row.at,
    row.actor,
    row.action,
    row.target,
    row.detail,
    row.prev_hash,
    rowHash(row),
  );
}

export type AuditVerdict = { ok: true; rows: number } | { ok: false; rows: number; brokenAt: number; reason: string };

/** Walks the chain; reports the first row whose hash or link does not match. */
export function verifyAudit(db: DB): AuditVerdict {
  let prev = GENESIS;
  let expectedId = 1;
  let rows = 0;
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<AuditRow>) {
    rows++;
    if (r.id !== expectedId) return { ok: false, rows, brokenAt: expectedId, reason: `第 ${expectedId} 条记录缺失（被删除）` };
    if (r.prev_hash !== prev) return { ok: false, rows, brokenAt: r.id, reason: `第 ${r.id} 条记录与上一条的链接不符` };
    if (rowHash(r) !== r.hash) return { ok: false, rows, brokenAt: r.id, reason: `第 ${r.id} 条记录内容被改动` };
    prev = r.hash;
    expectedId++;
  }
  return { ok: true, rows };
}
