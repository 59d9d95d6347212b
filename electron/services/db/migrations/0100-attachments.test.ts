import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../../test/support/tmp';
import { openDatabase } from '../connection';
import { migrate } from '../migrate';
import { migrations } from './index';

const tmp = makeTempDir();
afterAll(tmp.cleanup);

describe('migration 0100 attachments', () => {
  it('creates the table with its checks and the per-material index', () => {
    const db = openDatabase(join(tmp.dir, 'm.sqlite'));
    migrate(db, migrations);
    const insert = db.prepare(`INSERT INTO attachments (id, case_id, material_id, page_no, sha256, mime, bytes, width, height, thumb_sha256, source, created_at, deleted_at)
      VALUES (?, 'C1', 'M1', ?, ?, ?, 100, 10, 10, NULL, 'camera', '2026-01-01T00:00:00Z', NULL)`);
    insert.run('a', 1, 'a'.repeat(64), 'image/jpeg');
    expect(() => insert.run('b', 0, 'a'.repeat(64), 'image/jpeg')).toThrow(/CHECK/);
    expect(() => insert.run('c', 1, 'short', 'image/jpeg')).toThrow(/CHECK/);
    expect(() => insert.run('d', 1, 'a'.repeat(64), 'application/pdf')).toThrow(/CHECK/);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT * FROM attachments WHERE case_id = 'C1' AND material_id = 'M1' ORDER BY page_no").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/attachments_material/);
    db.close();
  });
});
