import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPlatform } from '../../../test/central/server';
import { backOffice, compact, deleteCatalogKey, publishCalendar, publishItem, sampleCatalog } from '../../../test/central/store';
import { acceptCase, clientDb, platformOps, testEngine, writeBlob } from '../../../test/support/sync';
import { makeTempDir } from '../../../test/support/tmp';
import { outboxCounts } from '../outbox/outbox';
import { backoffDelay } from './engine';

const tmp = makeTempDir();
afterAll(tmp.cleanup);
let n = 0;
const dirs = () => ({ client: join(tmp.dir, `c${++n}`), platform: join(tmp.dir, `p${n}`) });

describe('push', () => {
  it('sends blobs first, then ops in seq order, each once; the platform files the case', async () => {
    const d = dirs();
    const platform = await startPlatform({ shippedGuides: false, dataDir: d.platform });
    const db = clientDb(d.client);
    const sha = writeBlob(d.client, Buffer.from('扫描件'));
    for (let i = 1; i <= 250; i++) acceptCase(db, i, i === 3 ? { blobRefs: [sha] } : {});
    const engine = testEngine(db, d.client, platform.url, { batchSize: 40 });
    await engine.syncOnce();
    expect(outboxCounts(db)).toEqual({ pending: 0, acked: 250, rejected: 0 });
    const ops = platformOps(platform.db);
    expect(ops.map((o) => o.seq)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    const local = db.prepare('SELECT op_id AS opId, payload FROM outbox ORDER BY seq').all();
    expect(ops.map((o) => ({ opId: o.opId, payload: o.payload }))).toEqual(local);
    expect(platform.db.prepare('SELECT size FROM blobs WHERE sha256 = ?').get(sha)).toEqual({ size: Buffer.byteLength('扫描件') });
    expect((platform.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(250);
    await platform.close();
    db.close();
  });

  it('a business rejection consumes its seq and lands in the problems list; the queue goes on', async () => {
    const d = dirs();
    const platform = await startPlatform({ shippedGuides: false, dataDir: d.platform });
    const db = clientDb(d.client);
    acceptCase(db, 1);
    acceptCase(db, 2, { itemId: 'NO-SUCH-ITEM' });
    acceptCase(db, 3, { caseNo: 'X1' });
    const other = clientDb(join(d.client, 'other'));
    acceptCase(other, 9, { caseNo: 'X1', windowNo: 2 });
    await testEngine(other, join(d.client, 'other'), platform.url).syncOnce();
    const engine = testEngine(db, d.client, platform.url);
    await engine.syncOnce();
    const rows = db.prepare('SELECT seq, state, reject_code FROM outbox ORDER BY seq').all();
    expect(rows).toEqual([
      { seq: 1, state: 'acked', reject_code: null },
      { seq: 2, state: 'rejected', reject_code: 'UNKNOWN_ITEM' },
      { seq: 3, state: 'rejected', reject_code: 'CASE_NO_CONFLICT' },
    ]);
    expect(platform.db.prepare('SELECT last_seq FROM clients ORDER BY created_at').all()).toContainEqual({ last_seq: 3 });
    expect(engine.status().rejected).toBe(2);
    await platform.close();
    db.close();
    other.close();
  });

  it('full jitter stays under the capped exponential', () => {
    for (let a = 0; a < 40; a++) {
      const d = backoffDelay(a, 100, 5000, () => 0.999999);
      expect(d).toBeLessThan(Math.min(5000, 100 * 2 ** a));
      expect(d).toBeGreaterThanOrEqual(0);
    }
    expect(backoffDelay(3, 100, 5000, () => 0)).toBe(0);
  });
});

describe('pull', () => {
  it('catalogue follows the platform: snapshot, add, change, withdraw, delete; reset swaps atomically', async () => {
    const d = dirs();
    const platform = await startPlatform({ shippedGuides: false, dataDir: d.platform });
    const db = clientDb(d.client);
    let reloads = 0;
    const engine = testEngine(db, d.client, platform.url, { pageSize: 2, onCatalogChanged: () => reloads++ });
    await engine.syncOnce();
    const names = () => db.prepare('SELECT id, name, status FROM catalog_items ORDER BY id').all();
    expect(names()).toHaveLength(3);
    expect(db.prepare("SELECT value FROM catalog_meta WHERE key = 'source'").get()).toEqual({ value: 'platform' });
    expect(reloads).toBe(1);
    const [a, b, c] = sampleCatalog(3);
    publishItem(platform.db, { ...a!, name: '个体工商户设立登记（新）', version: 2 });
    publishItem(platform.db, { ...b!, status: 'withdrawn', version: 2 });
    deleteCatalogKey(platform.db, `item:${c!.id}`);
    publishItem(platform.db, { ...a!, id: 'P09999', name: '新增事项', materials: a!.materials.map((m) => ({ ...m, id: `new-${m.id}` })) });
    publishCalendar(platform.db, { date: '2027-02-11', kind: 'holiday', name: '春节' });
    await engine.syncOnce();
    expect(names()).toEqual([
      { id: 'P00001', name: '个体工商户设立登记（新）', status: 'active' },
      { id: 'P00002', name: '城乡居民基本医疗保险参保登记', status: 'withdrawn' },
      { id: 'P09999', name: '新增事项', status: 'active' },
    ]);
    expect(db.prepare('SELECT date, kind, source FROM calendar_days ORDER BY date').all()).toEqual([
      { date: '2027-01-01', kind: 'holiday', source: 'platform' },
      { date: '2027-02-11', kind: 'holiday', source: 'platform' },
    ]);
    // Compaction drops the log: the client's cursor is too old → resetRequired → a staged snapshot swapped in.
    deleteCatalogKey(platform.db, 'item:P09999');
    compact(platform.db);
    db.prepare("INSERT INTO catalog_items (id, catalog_code, task_code, name, type_code, dept_name, legal_limit, legal_unit, promise_limit, promise_unit, project_type, version, updated_at) VALUES ('LOCAL', 'x', 'x', '本机残留', '01', 'x', 1, 'day', 1, 'day', 'instant', 1, 'x')").run();
    await engine.syncOnce();
    expect(names().map((r) => (r as { id: string }).id)).toEqual(['P00001', 'P00002']);
    expect(db.prepare('SELECT count(*) AS n FROM sync_snapshot_stage').get()).toEqual({ n: 0 });
    await platform.close();
    db.close();
  });

  it('back-office decisions come back as 部门受理 / 特别程序 / 待出件, held while the case has unsent ops', async () => {
    const d = dirs();
    const platform = await startPlatform({ shippedGuides: false, dataDir: d.platform });
    const db = clientDb(d.client);
    const { caseNo, caseId } = acceptCase(db, 1);
    const engine = testEngine(db, d.client, platform.url);
    await engine.syncOnce();
    expect(backOffice(platform.db, caseNo, 8)).toBe(true);
    await engine.pullAll();
    const status = () => db.prepare('SELECT status, status_code, platform_no FROM cases WHERE id = ?').get(caseId) as { status: string; status_code: number; platform_no: string };
    expect(status().status).toBe('部门受理');
    expect(status().platform_no).toMatch(/^SB\d{12}$/);
    // A new local op for the case, not yet sent: the 办结 waits for it.
    acceptCaseEvent(db, caseId, caseNo);
    backOffice(platform.db, caseNo, 11);
    await engine.pullAll();
    expect(status().status).toBe('部门受理');
    expect(db.prepare('SELECT count(*) AS n FROM sync_deferred_status').get()).toEqual({ n: 1 });
    await engine.pushAll();
    expect(status()).toMatchObject({ status: '待出件', status_code: 11 });
    expect(db.prepare('SELECT count(*) AS n FROM sync_deferred_status').get()).toEqual({ n: 0 });
    await platform.close();
    db.close();
  });
});

import { appendOutbox } from '../outbox/outbox';
import type { DB } from '../db/connection';
function acceptCaseEvent(db: DB, caseId: string, caseNo: string) {
  db.transaction(() =>
    appendOutbox(db, {
      type: 'case.event',
      schemaVersion: 1,
      aggregateId: caseId,
      payload: { caseId, caseNo, action: 'supplement', status: '已受理', statusCode: 1, at: '2026-11-23T09:00:00.000Z', items: [{ itemId: 'P00001', version: 1, name: 'x' }] },
      at: '2026-11-23T09:00:00.000Z',
    }),
  )();
}
