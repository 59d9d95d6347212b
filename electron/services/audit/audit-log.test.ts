import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/support/tmp';
import { openDatabase } from '../db/connection';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations';
import { appendAudit, verifyAudit } from './audit-log';

const tmp = makeTempDir();
afterAll(tmp.cleanup);
let n = 0;
function seeded(rows: number) {
  const db = openDatabase(join(tmp.dir, `a${n++}.sqlite`));
  migrate(db, migrations);
  for (let i = 0; i < rows; i++) appendAudit(db, { actor: '张三', action: 'case.accept', target: `c${i}`, detail: { applicant: '330102199001011234' } });
  return db;
}
const tamper = (db: ReturnType<typeof seeded>, sql: string) => {
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  db.exec(sql);
};

describe('audit chain', () => {
  it('verifies an intact chain and never stores a full ID number', () => {
    const db = seeded(50);
    expect(verifyAudit(db)).toEqual({ ok: true, rows: 50 });
    const all = JSON.stringify(db.prepare('SELECT * FROM audit_log').all());
    expect(all).not.toContain('199001011234');
    expect(all).toContain('330102********1234');
    db.close();
  });

  it('reports the first edited row', () => {
    const db = seeded(20);
    tamper(db, "UPDATE audit_log SET actor = '李四' WHERE id = 7");
    expect(verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 7, reason: expect.stringContaining('内容被改动') });
    db.close();
  });

  it('reports a deleted row and a rewritten tail', () => {
    const db = seeded(20);
    tamper(db, 'DELETE FROM audit_log WHERE id = 12');
    expect(verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 12, reason: expect.stringContaining('缺失') });
    const db2 = seeded(5);
    tamper(db2, "UPDATE audit_log SET prev_hash = 'x', hash = 'y' WHERE id = 3");
    expect(verifyAudit(db2)).toMatchObject({ ok: false, brokenAt: 3 });
    db.close();
    db2.close();
  });
});
