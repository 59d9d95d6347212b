import type { Migration } from '../migrate';

/** Key-value settings of this window; values are JSON validated by the contract's schema. */
export const migration0010: Migration = {
  version: 10,
  name: 'settings',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value)),
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
