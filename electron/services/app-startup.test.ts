import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract/errors';
import { makeTempDir } from '../../test/support/tmp';
import { createAppServices } from './app';
import { dataLayout } from './paths';

const tmp = makeTempDir();
afterAll(tmp.cleanup);

describe('start-up with a corrupt database', () => {
  it('refuses, keeps the file byte for byte, and names the last backup', () => {
    const layout = dataLayout(join(tmp.dir, 'w'));
    mkdirSync(layout.backups, { recursive: true });
    writeFileSync(join(layout.backups, 'before-v20-2026-01-01.sqlite'), 'old');
    writeFileSync(join(layout.backups, 'before-v60-2026-11-01.sqlite'), 'newer');
    const garbage = Buffer.alloc(16384, 0x42);
    writeFileSync(layout.database, garbage);
    let err: unknown;
    try {
      createAppServices({ dataDir: layout.root, host: 'browser' }).close();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('DB_CORRUPT');
    expect((err as AppError).message).toContain('已损坏');
    expect((err as AppError).hint).toContain('before-v60-2026-11-01.sqlite');
    expect(readFileSync(layout.database).equals(garbage)).toBe(true);
  });
});
