import { randomUUID } from 'node:crypto';
import type { DB } from '../db/connection';
import { stmt } from '../db/statements';

/** An operation bound for the central platform; `payload` is JSON, `blobRefs` SHA-256s to upload first. */
export interface OutboxOpInput {
  type: string;
  schemaVersion: number;
  aggregateId: string | null;
  payload: unknown;
  blobRefs?: readonly string[];
  at: string;
}

export interface OutboxOp {
  seq: number;
  opId: string;
  type: string;
  schemaVersion: number;
  aggregateId: string | null;
  payload: string;
  blobRefs: string[];
  createdAt: string;
  state: 'pending' | 'acked' | 'rejected';
  attempts: number;
  lastError: string | null;
  rejectCode: string | null;
  rejectReason: string | null;
}

/**
 * Appends one op with the next dense `seq`. Must run inside the caller's write transaction, the
 * same one that changes the case: that is the whole point of a transactional outbox.
 */
export function appendOutbox(db: DB, op: OutboxOpInput): { seq: number; opId: string } {
  if (!db.inTransaction) throw new Error('appendOutbox must run inside the decision transaction');
  const { next_seq: seq } = db.prepare('UPDATE outbox_counter SET next_seq = next_seq + 1 WHERE id = 1 RETURNING next_seq - 1 AS next_seq').get() as {
    next_seq: number;
  };
  const opId = randomUUID();
  db.prepare(
    `INSERT INTO outbox (seq, op_id, op_type, schema_version, aggregate_id, payload, blob_refs, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(seq, opId, op.type, op.schemaVersion, op.aggregateId, JSON.stringify(op.payload), JSON.stringify(op.blobRefs ?? []), op.at);
  return { seq, opId };
}

interface OutboxRow {
  seq: number;
  op_id: string;
  op_type: string;
  schema_version: number;
  aggregate_id: string | null;
  payload: string;
  blob_refs: string;
  created_at: string;
  state: OutboxOp['state'];
  attempts: number;
  last_error: string | null;
  reject_code: string | null;
  reject_reason: string | null;
}

const toOp = (r: OutboxRow): OutboxOp => ({
  seq: r.seq,
  opId: r.op_id,
  type: r.op_type,
  schemaVersion: r.schema_version,
  aggregateId: r.aggregate_id,
  payload: r.payload,
  blobRefs: JSON.parse(r.blob_refs) as string[],
  createdAt: r.created_at,
  state: r.state,
  attempts: r.attempts,
  lastError: r.last_error,
  rejectCode: r.reject_code,
  rejectReason: r.reject_reason,
});

/** The oldest pending ops, in `seq` order: the sender works them strictly in order. */
export function pendingOps(db: DB, limit: number): OutboxOp[] {
  return (stmt(db, "SELECT * FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?").all(limit) as OutboxRow[]).map(toOp);
}

export function opsForAggregate(db: DB, aggregateId: string): OutboxOp[] {
  return (db.prepare('SELECT * FROM outbox WHERE aggregate_id = ? ORDER BY seq').all(aggregateId) as OutboxRow[]).map(toOp);
}

export function outboxCounts(db: DB): { pending: number; rejected: number; acked: number } {
  const rows = db.prepare('SELECT state, count(*) AS n FROM outbox GROUP BY state').all() as { state: string; n: number }[];
  const get = (s: string) => rows.find((r) => r.state === s)?.n ?? 0;
  return { pending: get('pending'), rejected: get('rejected'), acked: get('acked') };
}

/** Whether a case still has ops the platform has not acknowledged (a pull must not overwrite it). */
export function hasUnsentOps(db: DB, aggregateId: string): boolean {
  return db.prepare("SELECT 1 FROM outbox WHERE aggregate_id = ? AND state = 'pending' LIMIT 1").get(aggregateId) !== undefined;
}
