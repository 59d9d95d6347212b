import type { Migration } from '../migrate';

/**
 * Sync with the central platform: this client's registration and token, one pull cursor per
 * dataset, snapshot pages staged until the last one arrives (then swapped in one transaction),
 * platform status changes held back while their case still has unsent ops, and blobs the
 * platform already holds.
 */
export const migration0110: Migration = {
  version: 110,
  name: 'sync',
  up(db) {
    db.exec(`
      CREATE TABLE sync_client (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        central_url TEXT NOT NULL,
        client_id TEXT NOT NULL,
        client_secret TEXT NOT NULL,
        access_token TEXT,
        registered_at TEXT NOT NULL,
        last_sync_at TEXT,                   -- client clock, for the badge only
        clock_offset_ms INTEGER               -- platform time minus client time, last measured
      ) STRICT;

      CREATE TABLE sync_cursors (
        dataset TEXT PRIMARY KEY CHECK (dataset IN ('catalog', 'calendar', 'cases')),
        cursor TEXT,                         -- opaque, the platform's; NULL = start with a snapshot
        in_snapshot INTEGER NOT NULL DEFAULT 0 CHECK (in_snapshot IN (0, 1)),
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sync_snapshot_stage (
        dataset TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL CHECK (json_valid(value)),
        PRIMARY KEY (dataset, key)
      ) STRICT;

      CREATE TABLE sync_deferred_status (
        key TEXT PRIMARY KEY,                -- the platform's change key
        case_no TEXT NOT NULL,
        change TEXT NOT NULL CHECK (json_valid(change)),
        received_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sync_blobs_sent (
        sha256 TEXT PRIMARY KEY,
        sent_at TEXT NOT NULL
      ) STRICT;

      -- A rejected op the clerk sent again: its copy is a new op with a new seq (the old seq is spent).
      ALTER TABLE outbox ADD COLUMN retried_as INTEGER;

    `);
  },
};
