import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/support/tmp';
import { openDatabase } from '../db/connection';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations';
import { appendOutbox, hasUnsentOps, outboxCounts, pendingOps } from './outbox';

const tmp = makeTempDir();
afterAll(tmp.cleanup);

function freshDb(name: string) {
  const db = openDatabase(join(tmp.dir, name));
  migrate(db, migrations);
  return db;
}

const op = (i: number) => ({ type: 'case.decided', schemaVersion: 1, aggregateId: `c${i % 3}`, payload: { i }, at: '2026-11-23T08:00:00.000Z' });

describe('outbox', () => {
  it('refuses to append outside a transaction', () => {
    const db = freshDb('outside.sqlite');
    expect(() => appendOutbox(db, op(1))).toThrow(/inside the decision transaction/);
    db.close();
  });

  it('gives dense seq numbers even when a transaction rolls back', () => {
    const db = freshDb('dense.sqlite');
    const add = db.transaction((i: number, fail: boolean) => {
      appendOutbox(db, op(i));
      if (fail) throw new Error('boom');
    });
    for (let i = 0; i < 20; i++) {
      try {
        add(i, i % 4 === 1);
      } catch {
        /* the rolled-back op must not leave a hole */
      }
    }
    const seqs = pendingOps(db, 100).map((o) => o.seq);
    expect(seqs).toEqual(Array.from({ length: 15 }, (_, k) => k + 1));
    expect(outboxCounts(db)).toEqual({ pending: 15, rejected: 0, acked: 0 });
    db.close();
  });

  it('keeps ops immutable and knows which aggregates have unsent ops', () => {
    const db = freshDb('immutable.sqlite');
    db.transaction(() => appendOutbox(db, op(1)))();
    expect(() => db.prepare("UPDATE outbox SET payload = '{}' WHERE seq = 1").run()).toThrow(/immutable/);
    expect(hasUnsentOps(db, 'c1')).toBe(true);
    db.prepare("UPDATE outbox SET state = 'acked', acked_at = 'x' WHERE seq = 1").run();
    expect(hasUnsentOps(db, 'c1')).toBe(false);
    db.close();
  });
});
