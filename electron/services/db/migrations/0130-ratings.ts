import type { Migration } from '../migrate';

/** 好差评 ratings (one row per rated service step), 差评 follow-ups, and applicants' signatures. */
export const migration0130: Migration = {
  version: 130,
  name: 'ratings',
  up(db) {
    db.exec(`
      CREATE TABLE ratings (
        id TEXT PRIMARY KEY,
        case_no TEXT NOT NULL,
        ticket_no TEXT,
        service_step TEXT NOT NULL CHECK (service_step IN ('accept', 'deliver')),
        grade INTEGER CHECK (grade IS NULL OR grade BETWEEN 1 AND 5),   -- NULL = 未评价, 5 = 非常满意
        option_codes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(option_codes)),
        comment TEXT NOT NULL DEFAULT '',
        channel INTEGER NOT NULL DEFAULT 5,
        clerk TEXT NOT NULL,
        window_no INTEGER NOT NULL,
        at TEXT NOT NULL,
        UNIQUE (case_no, service_step)                                 -- 一次一评
      ) STRICT;
      CREATE TRIGGER ratings_immutable BEFORE UPDATE ON ratings
        BEGIN SELECT RAISE(ABORT, 'ratings are immutable'); END;

      CREATE TABLE rating_follow_ups (
        id TEXT PRIMARY KEY,
        rating_id TEXT NOT NULL UNIQUE REFERENCES ratings(id),
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
        opened_at TEXT NOT NULL,
        closed_at TEXT,
        closed_by TEXT,
        note TEXT NOT NULL DEFAULT ''
      ) STRICT;

      CREATE TABLE signatures (
        case_id TEXT NOT NULL,
        purpose TEXT NOT NULL CHECK (purpose IN ('rongque', 'promise', 'deliver')),
        png BLOB NOT NULL,
        sha256 TEXT NOT NULL,
        clerk TEXT NOT NULL,
        signed_at TEXT NOT NULL,
        PRIMARY KEY (case_id, purpose)
      ) STRICT;
    `);
  },
};
