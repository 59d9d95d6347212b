import Database from 'better-sqlite3';
import { AppError } from '../../../shared/contract/errors';

export type DB = Database.Database;

/**
 * Opens the client's database with the pragmas DESIGN.md §5 requires. `synchronous=FULL`
 * because a receipt handed to a citizen must survive a power cut: WAL alone with NORMAL can
 * lose the last transactions.
 */
export function openDatabase(file: string, options: { readonly?: boolean } = {}): DB {
  let db: DB;
  try {
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (error) {
    throw translateSqliteError(error);
  }
  try {
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    // Touch the schema so that a file that is not a database fails here, at open, not mid-case.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    db.close();
    throw translateSqliteError(error);
  }
  return db;
}

/** Maps SQLite failures the clerk can act on to Chinese errors; others pass through. */
export function translateSqliteError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'SQLITE_FULL':
      return new AppError('STORAGE_FULL', '磁盘空间已满，本次操作没有保存。', {
        hint: '请联系信息科清理本机磁盘；清理后重试，之前已保存的办件不受影响。',
        cause: error,
      });
    case 'SQLITE_READONLY':
    case 'SQLITE_READONLY_DIRECTORY':
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_PERM':
      return new AppError('STORAGE_READONLY', '数据文件夹无法写入，本次操作没有保存。', {
        hint: '请联系信息科检查数据文件夹的权限或磁盘状态。',
        cause: error,
      });
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
      return new AppError('DB_CORRUPT', '本机数据库文件已损坏，客户端无法打开它。', {
        hint: '原文件已原样保留。请联系信息科，可从最近一次备份恢复。',
        cause: error,
      });
    default:
      return error;
  }
}

/** Runs `fn` in an IMMEDIATE transaction, translating storage errors for the clerk. */
export function writeTransaction<T>(db: DB, fn: () => T): T {
  try {
    return db.transaction(fn).immediate();
  } catch (error) {
    throw translateSqliteError(error);
  }
}
