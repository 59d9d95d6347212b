import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type DB, openDatabase } from '../db/connection';
import { migrate } from '../db/migrate';
import { HallQueue } from './hall-queue';
import { hallMigrations } from './migrations';

export const HALL_DB_FILE = 'queue.sqlite';

/** Opens (and migrates) the hall's queue.sqlite in `dir`, with the hall key it keeps there. */
export function openHallQueue(dir: string, now?: () => number): { db: DB; queue: HallQueue; key: string } {
  mkdirSync(dir, { recursive: true });
  const db = openDatabase(join(dir, HALL_DB_FILE));
  try {
    migrate(db, hallMigrations, { backupDir: join(dir, 'backups') });
  } catch (error) {
    db.close();
    throw error;
  }
  // The hall key is made once and kept: kiosks and displays are set up with it.
  let row = db.prepare("SELECT value FROM hall_config WHERE key = 'hallKey'").get() as { value: string } | undefined;
  if (!row) {
    db.prepare("INSERT INTO hall_config (key, value) VALUES ('hallKey', ?)").run(JSON.stringify(randomBytes(18).toString('base64url')));
    row = db.prepare("SELECT value FROM hall_config WHERE key = 'hallKey'").get() as { value: string };
  }
  return { db, queue: new HallQueue(db, now), key: JSON.parse(row.value) as string };
}
