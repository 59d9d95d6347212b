import { createHash } from 'node:crypto';
import { existsSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { makePageJpeg } from '../../../test/support/pages';
import { makeTempDir } from '../../../test/support/tmp';
import { BlobStore } from './blob-store';
import { imageInfo } from './image-info';

const tmp = makeTempDir();
afterAll(tmp.cleanup);

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('BlobStore', () => {
  it('names a blob by its SHA-256, stores it once and reads it back', () => {
    const store = new BlobStore(join(tmp.dir, 'a'));
    const bytes = Buffer.from('第一页');
    const name = store.put(bytes);
    expect(name).toBe(sha(bytes));
    expect(store.put(bytes)).toBe(name);
    expect(store.path(name)).toBe(join(tmp.dir, 'a', name.slice(0, 2), name));
    expect(store.read(name).equals(bytes)).toBe(true);
    expect(readdirSync(join(tmp.dir, 'a', 'tmp'))).toEqual([]);
  });

  it('refuses a damaged blob and a missing one with Chinese messages', () => {
    const store = new BlobStore(join(tmp.dir, 'b'));
    const name = store.put(Buffer.from('原件'));
    writeFileSync(store.path(name), 'tampered');
    expect(() => store.read(name)).toThrowError(/已损坏/);
    const missing = sha(Buffer.from('never stored'));
    try {
      store.read(missing);
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).code).toBe('NOT_FOUND');
    }
    expect(() => store.path('../../etc/passwd')).toThrow(AppError);
  });

  it('sweeps unreferenced blobs and temp files older than the grace period, nothing else', () => {
    const store = new BlobStore(join(tmp.dir, 'c'));
    const kept = store.put(Buffer.from('kept'));
    const orphanOld = store.put(Buffer.from('orphan old'));
    const orphanYoung = store.put(Buffer.from('orphan young'));
    const tmpFile = join(tmp.dir, 'c', 'tmp', 'leftover');
    writeFileSync(tmpFile, 'x');
    const old = new Date(Date.now() - 10_000);
    for (const f of [store.path(kept), store.path(orphanOld), tmpFile]) utimesSync(f, old, old);
    const removed = store.sweep((s) => s === kept, 5_000);
    expect(removed.sort()).toEqual(['leftover', orphanOld].sort());
    expect(store.has(kept)).toBe(true);
    expect(store.has(orphanYoung)).toBe(true);
    expect(store.has(orphanOld)).toBe(false);
    expect(existsSync(tmpFile)).toBe(false);
  });

  it('leaves no temp file behind when a write fails', () => {
    // A file where the fan-out directory should be makes the write fail after hashing.
    const root = join(tmp.dir, 'd');
    const store = new BlobStore(root);
    const bytes = Buffer.from('blocked');
    const name = sha(bytes);
    writeFileSync(join(root, name.slice(0, 2)), 'a file where the fan-out directory should be');
    expect(() => store.put(bytes)).toThrow();
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
  });
});

describe('imageInfo', () => {
  it('reads JPEG dimensions from the frame header and refuses garbage', () => {
    expect(imageInfo(makePageJpeg(120, 170))).toEqual({ mime: 'image/jpeg', width: 120, height: 170 });
    expect(() => imageInfo(Buffer.from('not an image at all, really'))).toThrowError(/格式不支持/);
  });
});
