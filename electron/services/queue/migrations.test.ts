import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/support/tmp';
import { type DB, openDatabase } from '../db/connection';
import { migrate } from '../db/migrate';
import { openHallQueue } from './hall-store';
import { hallMigration0010, hallMigrations } from './migrations';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('zhck-hall-mig-');
});
afterEach(() => tmp.cleanup());

const plan = (db: DB, sql: string, ...args: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');

describe('hall migration 20 (queue order indexes)', () => {
  it('upgrades a version-10 hall with tickets in place: same rows, indexes added, the queue carries on', () => {
    const dir = tmp.dir;
    {
      const db = openDatabase(`${dir}/queue.sqlite`);
      migrate(db, [hallMigration0010]);
      db.prepare(
        `INSERT INTO tickets (id, day, category_id, prefix, number, label, state, issued_at, order_key) VALUES
         ('t1', '2026-03-02', 'general', 'A', 1, 'A001', 'waiting', 1, 1), ('t2', '2026-03-02', 'general', 'A', 2, 'A002', 'waiting', 2, 2)`,
      ).run();
      db.close();
    }
    const { db, queue } = openHallQueue(dir, () => Date.parse('2026-03-02T01:00:00Z'));
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(hallMigrations.at(-1)!.version);
      const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tickets'").all() as { name: string }[]).map((r) => r.name);
      expect(names).toEqual(expect.arrayContaining(['tickets_queue', 'tickets_queue_priority', 'tickets_queue_appointment', 'tickets_queue_named', 'tickets_queue_arrival', 'tickets_waiting_day', 'tickets_order_key']));
      expect(db.prepare('SELECT id FROM tickets ORDER BY id').all()).toEqual([{ id: 't1' }, { id: 't2' }]);
      queue.signIn({ windowNo: 1, clerk: '甲', categories: ['general'], force: false });
      const status = queue.callNext({ windowNo: 1, clerk: '甲', requestId: 'r1' });
      expect(status.current?.label).toBe('A001');
      expect(status.waiting[0]!.tickets.map((t) => t.label)).toEqual(['A002']);
    } finally {
      db.close();
    }
  });

  it('the lane head, the longest waiting and the day rollover are read through the indexes, not by sorting the queue', () => {
    const { db } = openHallQueue(tmp.dir);
    try {
      const head = plan(
        db,
        "SELECT * FROM tickets t WHERE t.state = 'waiting' AND t.category_id IN (?) AND t.day = ? ORDER BY t.back_from_suspend DESC, t.order_key, t.issued_at, t.id LIMIT 30",
        'general',
        '2026-03-02',
      );
      expect(head).toContain('tickets_queue');
      expect(head).not.toContain('TEMP B-TREE');
      expect(plan(db, "SELECT * FROM tickets t WHERE t.state = 'waiting' AND t.category_id IN (?) AND t.priority_group IS NOT NULL ORDER BY t.back_from_suspend DESC, t.order_key, t.issued_at, t.id LIMIT 1", 'general')).toContain('tickets_queue_priority');
      expect(plan(db, "SELECT * FROM tickets t WHERE t.state = 'waiting' AND t.category_id IN (?) ORDER BY t.issued_at LIMIT 1", 'general')).toContain('tickets_queue_arrival');
      expect(plan(db, "SELECT id FROM tickets INDEXED BY tickets_waiting_day WHERE state = 'waiting' AND day < ?", '2026-03-02')).toContain('tickets_waiting_day (day<?)');
      expect(plan(db, 'SELECT max(order_key) FROM tickets')).toContain('tickets_order_key');
    } finally {
      db.close();
    }
  });
});
