import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/contract/errors';

const SHA256 = /^[0-9a-f]{64}$/;

export const isSha256 = (s: string): boolean => SHA256.test(s);

/**
 * Content-addressed files (scans, photos, thumbnails) under the data folder's `blobs/`, named by
 * their SHA-256. A blob is durable on disk — temp file fsynced, renamed, directory fsynced —
 * before `put` returns, so a row that references it can commit afterwards and never point at
 * nothing after a power cut. The two-character fan-out keeps directories small on FAT/NTFS.
 */
export class BlobStore {
  constructor(private readonly root: string) {
    mkdirSync(join(root, 'tmp'), { recursive: true });
  }

  path(sha256: string): string {
    if (!isSha256(sha256)) throw new AppError('INVALID_INPUT', '文件编号格式不正确。');
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  has(sha256: string): boolean {
    return isSha256(sha256) && existsSync(this.path(sha256));
  }

  /** Stores the bytes (idempotent: the same content is written once) and returns its SHA-256. */
  put(bytes: Uint8Array): string {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = this.path(sha256);
    if (existsSync(target)) return sha256;
    const dir = join(this.root, sha256.slice(0, 2));
    const tmp = join(this.root, 'tmp', `${sha256}.${randomBytes(6).toString('hex')}`);
    try {
      mkdirSync(dir, { recursive: true });
      const fd = openSync(tmp, 'wx');
      try {
        let off = 0;
        while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, target);
      fsyncDir(dir);
    } catch (error) {
      try {
        unlinkSync(tmp);
      } catch {
        // The temp file may never have been created; the sweep removes any leftover.
      }
      throw translateFsError(error);
    }
    return sha256;
  }

  read(sha256: string): Buffer {
    try {
      const bytes = readFileSync(this.path(sha256));
      // A blob whose content no longer matches its name is damaged (bad sector, manual edit).
      if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw new AppError('DB_CORRUPT', '附件文件已损坏，内容与记录不符。', { hint: '请重新扫描这份材料；如多份附件出现此问题，请联系信息科检查磁盘。' });
      return bytes;
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') throw new AppError('NOT_FOUND', '附件文件在本机找不到了。', { hint: '请重新扫描这份材料。' });
      throw error;
    }
  }

  /**
   * Removes blobs no row references and that are older than `graceMs` (a blob is written before
   * the transaction that references it, so a young unreferenced blob may be about to be used),
   * and temp files left by an interrupted write. Returns the removed names.
   */
  sweep(isReferenced: (sha256: string) => boolean, graceMs: number, now = Date.now()): string[] {
    const removed: string[] = [];
    for (const entry of readdirSync(this.root, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = join(this.root, entry.name);
      for (const name of readdirSync(dir)) {
        const file = join(dir, name);
        const old = now - statSync(file).mtimeMs > graceMs;
        if (!old) continue;
        if (entry.name === 'tmp' || (isSha256(name) && !isReferenced(name))) {
          unlinkSync(file);
          removed.push(name);
        }
      }
    }
    return removed;
  }
}

function fsyncDir(dir: string): void {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function translateFsError(error: unknown): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new AppError('STORAGE_FULL', '磁盘空间已满，附件没有保存。', { hint: '请联系信息科清理本机磁盘后重新扫描；已保存的材料不受影响。', cause: error });
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new AppError('STORAGE_READONLY', '数据文件夹无法写入，附件没有保存。', { hint: '请联系信息科检查数据文件夹的权限。', cause: error });
  return error;
}
