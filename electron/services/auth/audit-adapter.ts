import { createHash } from 'node:crypto';
import type { DB } from '../db/connection';

/** One audit entry; `detail` carries masked personal data only. */
export interface AuditEntry {
  actor: string;
  action: string;
  target: string;
  detail: Record<string, unknown>;
}
export type AuditFn = (entry: AuditEntry) => void;

/**
 * Stand-in for the audit service (electron/services/audit/) until the merge: appends to the
 * hash-chained `audit_log` of migration 0050 with the same chaining rule, so the rows it writes
 * stay valid for the real service.
 */
export function localAudit(db: DB, now: () => Date = () => new Date()): AuditFn {
  const last = db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
  const insert = db.prepare('INSERT INTO audit_log (at, actor, action, target, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)');
  return (entry) => {
    db.transaction(() => {
      const prev = (last.get() as { hash: string } | undefined)?.hash ?? '0'.repeat(64);
      const at = now().toISOString();
      const detail = JSON.stringify(entry.detail);
      const hash = createHash('sha256').update([prev, at, entry.actor, entry.action, entry.target, detail].join('\n')).digest('hex');
      insert.run(at, entry.actor, entry.action, entry.target, detail, prev, hash);
    }).immediate();
  };
}
