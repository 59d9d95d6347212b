import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { makeTempDir } from '../../../test/support/tmp';
import { openDatabase } from './connection';
import { type Migration, migrate, schemaVersion } from './migrate';
import { migrations } from './migrations';

const tmp = makeTempDir();
afterAll(tmp.cleanup);

const m = (version: number, sql: string): Migration => ({ version, name: `m${version}`, up: (db) => db.exec(sql) });

describe('openDatabase', () => {
  it('sets WAL, synchronous=FULL and foreign keys', () => {
    const db = openDatabase(join(tmp.dir, 'pragmas.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuses a file that is not a database, in Chinese, and leaves the file as it was', () => {
    const file = join(tmp.dir, 'garbage.sqlite');
    writeFileSync(file, Buffer.alloc(8192, 0x5a));
    let caught: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('DB_CORRUPT');
    expect((caught as AppError).message).toMatch(/损坏/);
    expect(existsSync(file)).toBe(true);
  });
});

describe('migrate', () => {
  it('applies pending migrations in one transaction and records them', () => {
    const db = openDatabase(join(tmp.dir, 'a.sqlite'));
    const r = migrate(db, [m(10, 'CREATE TABLE a (x INTEGER) STRICT'), m(20, 'CREATE TABLE b (y INTEGER) STRICT')]);
    expect(r).toEqual({ from: 0, to: 20, backupFile: null });
    expect(schemaVersion(db)).toBe(20);
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual([10, 20]);
    db.close();
  });

  it('rolls back everything when one migration fails', () => {
    const db = openDatabase(join(tmp.dir, 'b.sqlite'));
    expect(() => migrate(db, [m(10, 'CREATE TABLE a (x INTEGER) STRICT'), m(20, 'CREATE TABLE oops (')])).toThrow();
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'a'").pluck().get()).toBe(0);
    db.close();
  });

  it('backs up a populated database with VACUUM INTO before migrating it', () => {
    const db = openDatabase(join(tmp.dir, 'c.sqlite'));
    migrate(db, [m(10, 'CREATE TABLE a (x INTEGER) STRICT')]);
    db.prepare('INSERT INTO a VALUES (42)').run();
    const r = migrate(db, [m(10, 'CREATE TABLE a (x INTEGER) STRICT'), m(20, 'ALTER TABLE a ADD COLUMN y INTEGER')], {
      backupDir: join(tmp.dir, 'backups'),
    });
    expect(r.backupFile).not.toBeNull();
    const backup = openDatabase(r.backupFile!, { readonly: true });
    expect(backup.prepare('SELECT x FROM a').pluck().get()).toBe(42);
    expect(schemaVersion(backup)).toBe(10);
    backup.close();
    db.close();
  });

  it('refuses a database written by a newer client with a clear Chinese message', () => {
    const db = openDatabase(join(tmp.dir, 'd.sqlite'));
    db.pragma('user_version = 990');
    expect(() => migrate(db, migrations)).toThrowError(/更新版本/);
    try {
      migrate(db, migrations);
    } catch (e) {
      expect((e as AppError).code).toBe('DB_TOO_NEW');
    }
    db.close();
  });

  it('shipped migrations are strictly increasing and apply to an empty database', () => {
    const db = openDatabase(join(tmp.dir, 'e.sqlite'));
    const r = migrate(db, migrations);
    expect(r.to).toBe(migrations.at(-1)!.version);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
