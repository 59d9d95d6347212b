import type { Migration } from '../migrate';

/**
 * The transactional outbox: every decision appends an op in the same transaction as the case
 * change. `seq` is dense per client (the platform refuses gaps), so it comes from a counter row,
 * never from max(seq)+1 (rows may be pruned after acknowledgement).
 */
export const migration0040: Migration = {
  version: 40,
  name: 'outbox',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY,
        op_id TEXT NOT NULL UNIQUE,
        op_type TEXT NOT NULL,
        schema_version INTEGER NOT NULL,
        aggregate_id TEXT,
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        blob_refs TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(blob_refs)), -- SHA-256s to upload first
        created_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'acked', 'rejected')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_attempt_at TEXT,
        last_error TEXT,
        acked_at TEXT,
        reject_code TEXT,
        reject_reason TEXT
      ) STRICT;
      CREATE INDEX outbox_pending ON outbox (state, seq);
      CREATE TRIGGER outbox_immutable BEFORE UPDATE OF seq, op_id, op_type, schema_version, payload, blob_refs ON outbox
        BEGIN SELECT RAISE(ABORT, 'outbox ops are immutable'); END;

      CREATE TABLE outbox_counter (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        next_seq INTEGER NOT NULL
      ) STRICT;
      INSERT INTO outbox_counter (id, next_seq) VALUES (1, 1);
    `);
  },
};
