import { appendAudit } from '../audit/audit-log';
import { type DB, writeTransaction } from '../db/connection';

/** One audit entry; `detail` carries masked personal data only. */
export interface AuditEntry {
  actor: string;
  action: string;
  target: string;
  detail: Record<string, unknown>;
}
export type AuditFn = (entry: AuditEntry) => void;

/** The auth service's audit sink: the hash-chained audit log (electron/services/audit), in its own transaction. */
export function localAudit(db: DB, now: () => Date = () => new Date()): AuditFn {
  return (entry) => writeTransaction(db, () => appendAudit(db, entry, now().toISOString()));
}
