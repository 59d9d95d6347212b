import type { Migration } from '../db/migrate';

/**
 * The hall queue service's own schema (queue.sqlite), separate from a window's window.sqlite:
 * one hall service serves many windows. Append only, like the client's list.
 */
export const hallMigration0010: Migration = {
  version: 10,
  name: 'hall-queue',
  up(db) {
    db.exec(`
      CREATE TABLE hall_config (key TEXT PRIMARY KEY, value TEXT NOT NULL CHECK (json_valid(value))) STRICT;
      CREATE TABLE categories (
        id TEXT PRIMARY KEY,
        prefix TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        sort INTEGER NOT NULL
      ) STRICT;
      -- Per category numbering; reset when the hall's business day changes (unless kept overnight).
      CREATE TABLE counters (category_id TEXT PRIMARY KEY REFERENCES categories(id), day TEXT NOT NULL, last INTEGER NOT NULL) STRICT;
      CREATE TABLE windows (
        window_no INTEGER PRIMARY KEY,
        clerk TEXT,
        categories TEXT NOT NULL CHECK (json_valid(categories)),
        paused INTEGER NOT NULL DEFAULT 0,
        pause_reason TEXT,
        ratio TEXT NOT NULL CHECK (json_valid(ratio)),
        free_since INTEGER,
        stats_day TEXT,
        served INTEGER NOT NULL DEFAULT 0,
        idle_ms INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE TABLE tickets (
        id TEXT PRIMARY KEY,
        day TEXT NOT NULL,
        category_id TEXT NOT NULL REFERENCES categories(id),
        prefix TEXT NOT NULL,
        number INTEGER NOT NULL,
        label TEXT NOT NULL,
        state TEXT NOT NULL,
        priority_group TEXT,
        appointment TEXT,
        issued_at INTEGER NOT NULL,
        order_key REAL NOT NULL,
        back_from_suspend INTEGER NOT NULL DEFAULT 0,
        called_at INTEGER,
        started_at INTEGER,
        finished_at INTEGER,
        window_no INTEGER,
        clerk TEXT,
        recalls INTEGER NOT NULL DEFAULT 0,
        suspend_kind TEXT,
        suspended_at INTEGER,
        suspended_ms INTEGER NOT NULL DEFAULT 0,
        parent_id TEXT REFERENCES tickets(id),
        target_window_no INTEGER,
        target_clerk TEXT,
        case_nos TEXT NOT NULL DEFAULT '[]',
        call_reason TEXT
      ) STRICT;
      -- A number is issued once per day and letter; a transfer's child keeps its parent's label.
      CREATE UNIQUE INDEX tickets_number ON tickets(day, prefix, number) WHERE parent_id IS NULL;
      -- One ticket at a window at a time, whatever a racing client tries.
      CREATE UNIQUE INDEX tickets_one_per_window ON tickets(window_no) WHERE state IN ('called', 'serving');
      CREATE INDEX tickets_waiting ON tickets(state, category_id, order_key);
      CREATE TABLE appointments (
        code TEXT PRIMARY KEY,
        id_no TEXT NOT NULL,
        category_id TEXT NOT NULL REFERENCES categories(id),
        data TEXT NOT NULL CHECK (json_valid(data)),
        slot_start INTEGER NOT NULL,
        slot_end INTEGER NOT NULL,
        ticket_id TEXT REFERENCES tickets(id)
      ) STRICT;
      CREATE INDEX appointments_id_no ON appointments(id_no);
      -- Append-only log of every transition (who, window, when, why); statistics derive from it.
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        ticket_id TEXT,
        window_no INTEGER,
        clerk TEXT,
        detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
      ) STRICT;
      CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
      CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
      -- Idempotency: a retried mutation finds its request id here and is not applied again.
      CREATE TABLE requests (request_id TEXT PRIMARY KEY, op TEXT NOT NULL, result TEXT NOT NULL, at INTEGER NOT NULL) STRICT;

      INSERT INTO categories (id, prefix, name, sort) VALUES
        ('general', 'A', '综合受理', 1),
        ('business', 'B', '企业开办', 2),
        ('consult', 'C', '咨询', 3);
    `);
  },
};

/**
 * Indexes that follow the queue: the next-ticket rule and the waiting lists read the head of a
 * lane, so each lane is kept in queue order (回流 first, then order key) and the longest-waiting
 * ticket is found by arrival, instead of sorting every waiting ticket on every call. Partial (only
 * waiting tickets), so a day's thousands of finished tickets cost nothing to keep.
 */
export const hallMigration0020: Migration = {
  version: 20,
  name: 'hall-queue-order-indexes',
  up(db) {
    db.exec(`
      -- With the columns the waiting filters test, so that counting a lane reads the index alone.
      CREATE INDEX tickets_queue ON tickets(category_id, back_from_suspend DESC, order_key, issued_at, id, day, target_window_no, target_clerk) WHERE state = 'waiting';
      CREATE INDEX tickets_queue_priority ON tickets(category_id, back_from_suspend DESC, order_key, issued_at, id) WHERE state = 'waiting' AND priority_group IS NOT NULL;
      CREATE INDEX tickets_queue_appointment ON tickets(category_id, back_from_suspend DESC, order_key, issued_at, id) WHERE state = 'waiting' AND appointment IS NOT NULL;
      -- Tickets a transfer named for one window or clerk: few, listed for every window's status.
      CREATE INDEX tickets_queue_named ON tickets(category_id) WHERE state = 'waiting' AND (target_window_no IS NOT NULL OR target_clerk IS NOT NULL);
      CREATE INDEX tickets_queue_arrival ON tickets(category_id, issued_at, back_from_suspend DESC, order_key, id) WHERE state = 'waiting';
      -- The business-day rollover looks for waiting tickets of earlier days on every change.
      CREATE INDEX tickets_waiting_day ON tickets(day) WHERE state = 'waiting';
      -- A new ticket's order key follows the largest one ever given.
      CREATE INDEX tickets_order_key ON tickets(order_key);
    `);
  },
};

export const hallMigrations: readonly Migration[] = [hallMigration0010, hallMigration0020];
