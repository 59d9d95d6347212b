import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import type { DB } from './connection';

export interface Migration {
  /** Multiples of 10 leave room for hotfix migrations in between (Signal's convention). */
  readonly version: number;
  readonly name: string;
  up(db: DB): void;
}

export interface MigrateResult {
  from: number;
  to: number;
  backupFile: string | null;
}

export function schemaVersion(db: DB): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to the newest version: refuses a database written by a newer client,
 * takes a `VACUUM INTO` backup of a non-empty database first, and runs every pending migration
 * in one transaction so that a crash mid-way leaves the old schema intact.
 */
export function migrate(db: DB, migrations: readonly Migration[], options: { backupDir?: string; now?: () => Date } = {}): MigrateResult {
  assertOrdered(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const from = schemaVersion(db);
  if (from > latest) {
    throw new AppError('DB_TOO_NEW', `本机数据库由更新版本的综合窗口写入（结构版本 ${from}），当前程序只支持到版本 ${latest}。`, {
      hint: '请安装最新版本的综合窗口客户端；不要用旧版本打开这个数据库。',
    });
  }
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from, backupFile: null };

  let backupFile: string | null = null;
  if (from > 0 && options.backupDir) {
    mkdirSync(options.backupDir, { recursive: true });
    const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
    backupFile = join(options.backupDir, `before-v${pending[0]!.version}-${stamp}.sqlite`);
    db.prepare('VACUUM INTO ?').run(backupFile);
  }

  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    ) STRICT`);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of pending) {
      m.up(db);
      record.run(m.version, m.name, new Date().toISOString());
    }
    db.pragma(`user_version = ${latest}`);
  }).immediate();
  db.pragma('optimize');
  return { from, to: latest, backupFile };
}

function assertOrdered(migrations: readonly Migration[]): void {
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version <= migrations[i - 1]!.version) {
      throw new Error(`migrations out of order at ${migrations[i]!.name}`);
    }
  }
}
