import type { Migration } from '../migrate';

/**
 * Clerk accounts as the platform last confirmed them, with the local verifiers that make an
 * offline sign-in possible (scrypt; never the password itself) and the failure counters.
 */
export const migration0120: Migration = {
  version: 120,
  name: 'auth',
  up(db) {
    db.exec(`
      CREATE TABLE auth_accounts (
        login TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'admin')),
        window_nos TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(window_nos)),
        password_verifier TEXT,           -- scrypt$N$r$p$salt$hash (base64)
        pin_verifier TEXT,
        last_online_at TEXT,              -- last sign-in the platform confirmed
        failed_count INTEGER NOT NULL DEFAULT 0 CHECK (failed_count >= 0),
        locked_until TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
