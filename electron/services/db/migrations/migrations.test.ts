import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../../test/support/tmp';
import { openDatabase } from '../connection';
import { migrate } from '../migrate';
import { migrations } from './index';

const tmp = makeTempDir();
afterAll(tmp.cleanup);
let n = 0;

/** A database migrated up to and including `version`. */
function dbAt(version: number) {
  const db = openDatabase(join(tmp.dir, `m${n++}.sqlite`));
  migrate(
    db,
    migrations.filter((m) => m.version <= version),
  );
  return db;
}
const tables = (db: ReturnType<typeof dbAt>) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
const now = '2026-11-23T08:00:00.000Z';

describe('0020 catalog', () => {
  it('creates the catalogue tables and enforces the code lists', () => {
    const db = dbAt(20);
    expect(tables(db)).toEqual(expect.arrayContaining(['catalog_items', 'catalog_materials', 'catalog_fields', 'catalog_bundles', 'catalog_bundle_items', 'catalog_meta', 'catalog_usage']));
    const insert = db.prepare(`INSERT INTO catalog_items (id, catalog_code, task_code, name, type_code, dept_name, legal_limit, legal_unit, promise_limit, promise_unit, project_type, version, updated_at)
      VALUES (?, '000101', 'T1', '测试事项', '01', '市场监管局', 20, 'workday', 5, ?, ?, 1, ?)`);
    insert.run('i1', 'workday', 'instant', now);
    expect(() => insert.run('i2', 'week', 'instant', now)).toThrow(/CHECK/);
    expect(() => insert.run('i3', 'workday', 'fast', now)).toThrow(/CHECK/);
    expect(() =>
      db.prepare("INSERT INTO catalog_materials (id, item_id, order_num, name, necessity, material_type, format) VALUES ('m1', 'nope', 1, 'x', 'required', 'original', 'paper')").run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});

describe('0030 cases', () => {
  it('keeps case_events append-only and 受理号 unique', () => {
    const db = dbAt(30);
    const c = db.prepare(`INSERT INTO cases (id, case_no, status, applicant, receive_region, handle_region, catalog_version, clerk_name, window_no, created_at, updated_at)
      VALUES (?, ?, 'draft', '{}', '330102', '330102', 'v1', '张三', 1, ?, ?)`);
    c.run('c1', '330102202611230100001', now, now);
    expect(() => c.run('c2', '330102202611230100001', now, now)).toThrow(/UNIQUE/);
    db.prepare("INSERT INTO case_events (case_id, action, from_status, to_status, at, actor) VALUES ('c1', 'receive', 'draft', 'received', ?, '张三')").run(now);
    expect(() => db.prepare("UPDATE case_events SET actor = '李四'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM case_events').run()).toThrow(/append-only/);
    expect(() => db.prepare("INSERT INTO case_materials (case_id, material_key, name, necessity, allow_rongque, allow_promise, copies_required, item_ids, order_num, state) VALUES ('c1', 'k', 'n', 'required', 0, 0, 1, '[]', 1, 'lost')").run()).toThrow(/CHECK/);
    db.close();
  });
});

describe('0040 outbox', () => {
  it('starts the dense counter at 1 and refuses edits of an op', () => {
    const db = dbAt(40);
    expect(db.prepare('SELECT next_seq FROM outbox_counter').get()).toEqual({ next_seq: 1 });
    db.prepare("INSERT INTO outbox (seq, op_id, op_type, schema_version, payload, created_at) VALUES (1, 'a', 't', 1, '{}', ?)").run(now);
    expect(() => db.prepare("UPDATE outbox SET op_type = 'u'").run()).toThrow(/immutable/);
    expect(() => db.prepare("INSERT INTO outbox_counter (id, next_seq) VALUES (2, 1)").run()).toThrow(/CHECK/);
    db.close();
  });
});

describe('0050 audit', () => {
  it('refuses updates and deletes of audit rows', () => {
    const db = dbAt(50);
    db.prepare("INSERT INTO audit_log (at, actor, action, prev_hash, hash) VALUES (?, 'a', 'x', '0', '1')").run(now);
    expect(() => db.prepare("UPDATE audit_log SET actor = 'b'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    db.close();
  });
});

describe('0060 calendar', () => {
  it('stores only exceptions with well-formed dates', () => {
    const db = dbAt(60);
    db.prepare("INSERT INTO calendar_days VALUES ('2026-10-01', 'holiday', '国庆节', 'bundled')").run();
    expect(() => db.prepare("INSERT INTO calendar_days VALUES ('2026/10/02', 'holiday', '国庆节', 'bundled')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO calendar_days VALUES ('2026-10-03', 'party', '国庆节', 'bundled')").run()).toThrow(/CHECK/);
    db.close();
  });
});

describe('0120 auth', () => {
  it('keeps accounts with a role from the platform list and a non-negative failure count', () => {
    const db = dbAt(120);
    const insert = db.prepare("INSERT INTO auth_accounts (login, name, role, failed_count, updated_at) VALUES (?, '张三', ?, ?, ?)");
    insert.run('zhangsan', 'clerk', 0, now);
    expect(() => insert.run('x', 'root', 0, now)).toThrow(/CHECK/);
    expect(() => insert.run('y', 'clerk', -1, now)).toThrow(/CHECK/);
    expect(() => insert.run('zhangsan', 'admin', 0, now)).toThrow(/UNIQUE|PRIMARY/);
    db.close();
  });
});

describe('0130 ratings', () => {
  it('stores one rating per case and step, 未评价 as NULL, immutable; follow-ups point at a rating', () => {
    const db = dbAt(130);
    const insert = db.prepare("INSERT INTO ratings (id, case_no, service_step, grade, clerk, window_no, at) VALUES (?, ?, ?, ?, 'zhangsan', 1, ?)");
    insert.run('r1', 'C1', 'accept', null, now);
    insert.run('r2', 'C1', 'deliver', 2, now);
    expect(() => insert.run('r3', 'C1', 'accept', 5, now)).toThrow(/UNIQUE/);
    expect(() => insert.run('r4', 'C2', 'accept', 6, now)).toThrow(/CHECK/);
    expect(() => insert.run('r5', 'C2', 'done', 5, now)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE ratings SET grade = 5 WHERE id = 'r1'").run()).toThrow(/immutable/);
    expect(db.prepare("SELECT grade FROM ratings WHERE id = 'r1'").get()).toEqual({ grade: null });
    expect(() => db.prepare("INSERT INTO rating_follow_ups (id, rating_id, opened_at) VALUES ('f1', 'nope', ?)").run(now)).toThrow(/FOREIGN KEY/);
    db.prepare("INSERT INTO rating_follow_ups (id, rating_id, opened_at) VALUES ('f1', 'r2', ?)").run(now);
    const sig = db.prepare("INSERT INTO signatures (case_id, purpose, png, sha256, clerk, signed_at) VALUES ('k1', ?, x'89504e47', 'h', 'zhangsan', ?)");
    sig.run('deliver', now);
    expect(() => sig.run('other', now)).toThrow(/CHECK/);
    db.close();
  });
});
