import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DB, writeTransaction } from '../db/connection';
import { stmt } from '../db/statements';
import { pendingOps, type OutboxOp } from '../outbox/outbox';
import { blobReplySchema, pushReplySchema, seqGapReplySchema, type OpResult } from './protocol';
import { type PlatformClient, SyncError } from './transport';

export interface SenderHooks {
  /** Crash tests: the reply has arrived, the local acknowledgement not yet written. */
  afterReply?: () => void;
}

/**
 * Sends one batch: the oldest pending ops in `seq` order, their blobs first. Returns how many ops
 * left the pending state (0 = nothing to send). The platform's verdicts and the local state change
 * in one transaction, so a crash before it simply resends the batch, and the platform's `last_seq`
 * turns the resend into acknowledged duplicates.
 */
export async function sendBatch(db: DB, client: PlatformClient, blobDir: string, batchSize: number, now: () => string, hooks: SenderHooks = {}): Promise<number> {
  const ops = withinBytes(pendingOps(db, batchSize), MAX_BATCH_BYTES);
  if (ops.length === 0) return 0;
  await uploadBlobs(db, client, blobDir, ops, now);
  const clientId = await client.ensureRegistered();
  const first = ops[0]!.seq;
  const last = ops.at(-1)!.seq;
  const attemptAt = now();
  const wire = ops.map((o) => ({ seq: o.seq, opId: o.opId, type: o.type, schemaVersion: o.schemaVersion, aggregateId: o.aggregateId, payload: o.payload, blobRefs: o.blobRefs, createdAt: o.createdAt }));
  let reply;
  try {
    reply = await client.call('POST', '/sync/push', { json: { clientId, ops: wire } }, pushReplySchema.or(seqGapReplySchema), [200, 409]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // The attempt is counted with its outcome: one local commit per batch, not one before and one after.
    writeTransaction(db, () => {
      countAttempt(db, first, last, attemptAt);
      stmt(db, 'UPDATE outbox SET last_error = ? WHERE seq = ?').run(message, first);
    });
    throw error;
  }
  hooks.afterReply?.();
  if ('code' in reply.body) {
    countAttempt(db, first, last, attemptAt);
    return recoverFromGap(db, reply.body.lastSeq, first);
  }
  return recordVerdicts(db, reply.body.results, now(), () => countAttempt(db, first, last, attemptAt));
}

/** Diagnostics for 同步问题: how often the ops were sent, and when last. */
function countAttempt(db: DB, first: number, last: number, at: string) {
  stmt(db, `UPDATE outbox SET attempts = attempts + 1, last_attempt_at = ? WHERE state = 'pending' AND seq BETWEEN ? AND ?`).run(at, first, last);
}

/**
 * A batch also ends at about this many payload bytes (always at least one op): few large requests
 * cost the platform fewer commits, but one must still cross a slow hall uplink well within the
 * request timeout, or it would time out and be resent for ever.
 */
export const MAX_BATCH_BYTES = 1 << 20;

function withinBytes(ops: OutboxOp[], max: number): OutboxOp[] {
  let bytes = 0;
  for (let i = 0; i < ops.length; i++) {
    bytes += Buffer.byteLength(ops[i]!.payload);
    if (i > 0 && bytes > max) return ops.slice(0, i);
  }
  return ops;
}

function recordVerdicts(db: DB, results: OpResult[], at: string, beforeVerdicts: () => void): number {
  return writeTransaction(db, () => {
    beforeVerdicts();
    const ack = stmt(db, `UPDATE outbox SET state = 'acked', acked_at = ?, last_error = NULL WHERE seq = ? AND op_id = ? AND state = 'pending'`);
    const reject = stmt(db, `UPDATE outbox SET state = 'rejected', reject_code = ?, reject_reason = ?, last_error = NULL WHERE seq = ? AND op_id = ? AND state = 'pending'`);
    let changed = 0;
    for (const r of results) {
      const info = r.status === 'rejected' ? reject.run(r.code ?? 'REJECTED', r.reason ?? '平台拒收，未说明原因', r.seq, r.opId) : ack.run(at, r.seq, r.opId);
      changed += info.changes;
    }
    return changed;
  });
}

/**
 * The platform's `last_seq` is behind what this client holds as sent (the platform was restored
 * from a backup): everything after it goes back to pending and is sent again, in order.
 */
function recoverFromGap(db: DB, platformLast: number, firstPending: number): number {
  const missing = db.prepare('SELECT count(*) AS n FROM outbox WHERE seq > ? AND seq < ?').get(platformLast, firstPending) as { n: number };
  if (missing.n !== firstPending - platformLast - 1) {
    throw new SyncError('SEQ_GAP', `平台缺少本机第 ${platformLast + 1} 号之后的操作，而本机已不再保存它们，请联系信息科。`);
  }
  writeTransaction(db, () => {
    db.prepare(`UPDATE outbox SET state = 'pending', acked_at = NULL WHERE seq > ? AND state != 'pending'`).run(platformLast);
  });
  throw new SyncError('SEQ_GAP', `平台只收到第 ${platformLast} 号操作，正在从第 ${platformLast + 1} 号重新发送。`);
}

/**
 * `PUT /blobs/<sha256>` for each attachment the platform has not confirmed. A local file whose
 * bytes no longer match its name is not sent: the op then reaches the platform without it and is
 * refused there as a visible 同步问题, instead of blocking the queue.
 */
async function uploadBlobs(db: DB, client: PlatformClient, blobDir: string, ops: OutboxOp[], now: () => string) {
  const known = stmt(db, 'SELECT 1 FROM sync_blobs_sent WHERE sha256 = ?');
  const queue = [...new Set(ops.flatMap((o) => o.blobRefs))].filter((sha) => !known.get(sha));
  const confirmed: string[] = [];
  // A few uploads at once fill the link better than one; the platform stores each idempotently.
  const worker = async () => {
    for (let sha = queue.shift(); sha !== undefined; sha = queue.shift()) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(join(blobDir, sha));
      } catch {
        continue;
      }
      if (createHash('sha256').update(bytes).digest('hex') !== sha) continue;
      await client.call('PUT', `/blobs/${sha}`, { bytes }, blobReplySchema, [200]);
      confirmed.push(sha);
    }
  };
  try {
    await Promise.all(Array.from({ length: 8 }, worker));
  } finally {
    // Remember what the platform confirmed, even when another upload failed: one fsync per batch.
    if (confirmed.length > 0) {
      const at = now();
      writeTransaction(db, () => {
        const add = stmt(db, 'INSERT OR IGNORE INTO sync_blobs_sent (sha256, sent_at) VALUES (?, ?)');
        for (const sha of confirmed) add.run(sha, at);
      });
    }
  }
}
