import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPlatform } from '../../../test/central/server';
import { publishItem, sampleCatalog } from '../../../test/central/store';
import { acceptCase, clientDb, platformOps, testEngine, until } from '../../../test/support/sync';
import { makeTempDir } from '../../../test/support/tmp';
import { outboxCounts, pendingOps } from '../outbox/outbox';
import type { SyncClock } from './engine';
import { blobReplySchema, pushReplySchema, seqGapReplySchema } from './protocol';

const tmp = makeTempDir();
afterAll(tmp.cleanup);
let n = 0;
const dirs = () => ({ client: join(tmp.dir, `c${++n}`), platform: join(tmp.dir, `p${n}`) });

/** Virtual time: a sleep advances the clock and returns at once. */
function simClock(start: number): SyncClock & { t: number } {
  const c = {
    t: start,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.t += ms;
      await new Promise((r) => setImmediate(r));
    },
  };
  return c;
}

describe('replays, duplicates, two senders, out-of-order', () => {
  it('never files an op twice', async () => {
    const d = dirs();
    const platform = await startPlatform({ shippedGuides: false, dataDir: d.platform });
    const db = clientDb(d.client);
    for (let i = 1; i <= 30; i++) acceptCase(db, i);
    const a = testEngine(db, d.client, platform.url, { batchSize: 5 });
    const clientId = await a.client.ensureRegistered();
    // a second connection to the same file: two senders at once
    const db2 = clientDb(d.client);
    const b = testEngine(db2, d.client, platform.url, { batchSize: 7 });
    await Promise.all([a.pushAll(), b.pushAll()]);
    expect(outboxCounts(db).pending).toBe(0);
    // replay the whole history, out of order, twice
    const ops = (db.prepare('SELECT * FROM outbox ORDER BY seq').all() as { seq: number; op_id: string; op_type: string; schema_version: number; aggregate_id: string; payload: string; blob_refs: string; created_at: string }[]).map((o) => ({
      seq: o.seq,
      opId: o.op_id,
      type: o.op_type,
      schemaVersion: o.schema_version,
      aggregateId: o.aggregate_id,
      payload: o.payload,
      blobRefs: JSON.parse(o.blob_refs) as string[],
      createdAt: o.created_at,
    }));
    const push = (batch: typeof ops) => a.client.call('POST', '/sync/push', { json: { clientId, ops: batch } }, pushReplySchema, [200]);
    const replay = await push([...ops].reverse());
    expect(replay.body.results.every((r) => r.status === 'duplicate')).toBe(true);
    await push(ops.slice(10, 20));
    // a batch from the future is refused whole with the platform's lastSeq
    for (let i = 31; i <= 40; i++) acceptCase(db, i);
    const fresh = pendingOps(db, 100);
    const gap = await a.client.call('POST', '/sync/push', { json: { clientId, ops: fresh.slice(5).map((o) => ({ seq: o.seq, opId: o.opId, type: o.type, schemaVersion: o.schemaVersion, aggregateId: o.aggregateId, payload: o.payload, blobRefs: o.blobRefs, createdAt: o.createdAt })) } }, seqGapReplySchema, [409]);
    expect(gap.body.lastSeq).toBe(30);
    await a.pushAll();
    const remote = platformOps(platform.db);
    expect(remote.map((o) => o.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(platform.db.prepare('SELECT count(*) AS n FROM case_events').get()).toEqual({ n: 40 });
    db.close();
    db2.close();
    await platform.close();
  });
});

describe('72 hours offline, 5,000 cases, token expired meanwhile', () => {
  it('drains in order when the platform returns', async () => {
    const d = dirs();
    const clock = simClock(Date.parse('2026-11-20T17:00:00Z'));
    let platform = await startPlatform({ shippedGuides: false, dataDir: d.platform, now: clock.now, tokenTtlMs: 3600_000 });
    const port = Number(new URL(platform.url).port);
    const db = clientDb(d.client);
    const engine = testEngine(db, d.client, platform.url, { clock, baseDelayMs: 1000, maxDelayMs: 300_000, probeIntervalMs: 600_000, idlePollMs: 1000, pullIntervalMs: 600_000, batchSize: 200 });
    await engine.syncOnce(); // registered, token issued at platform time T
    await platform.close();
    db.transaction(() => {
      for (let i = 1; i <= 5000; i++) acceptCase(db, i);
    })();
    engine.start();
    const start = clock.t;
    await until(() => clock.t - start >= 72 * 3600_000, '72 simulated hours', 60_000);
    expect(engine.status()).toMatchObject({ state: 'offline', pending: 5000 });
    platform = await startPlatform({ shippedGuides: false, dataDir: d.platform, port, now: clock.now, tokenTtlMs: 3600_000 });
    await until(() => outboxCounts(db).pending === 0, 'the backlog to drain', 60_000);
    await engine.stop();
    const seqs = platform.db.prepare('SELECT seq FROM ops ORDER BY rowid').all() as { seq: number }[];
    expect(seqs.map((r) => r.seq)).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1));
    expect(engine.status().pending).toBe(0);
    db.close();
    await platform.close();
  }, 90_000);
});

describe('pull resilience', () => {
  it('a pull killed mid-snapshot resumes from its cursor and swaps the whole at once; accepted cases keep their items', async () => {
    const d = dirs();
    const platform = await startPlatform({ shippedGuides: false, dataDir: d.platform });
    for (const item of sampleCatalog(8).slice(3)) publishItem(platform.db, { ...item, materials: item.materials.map((m) => ({ ...m, id: `${item.id}-${m.id}` })) });
    const db = clientDb(d.client);
    const { caseId } = acceptCase(db, 1);
    db.prepare("INSERT INTO case_items (case_id, item_id, item_version, item_name, order_num) VALUES (?, 'P00001', 1, '个体工商户设立登记', 1)").run(caseId);
    let pages = 0;
    const dying = testEngine(db, d.client, platform.url, {
      pageSize: 2,
      hooks: {
        afterPage: () => {
          if (++pages === 3) throw new Error('killed');
        },
      },
    });
    await dying.pushAll();
    await expect(dying.pullAll()).rejects.toThrow('killed');
    expect(db.prepare('SELECT count(*) AS n FROM catalog_items').get()).toEqual({ n: 0 }); // nothing half-swapped
    expect(db.prepare("SELECT count(*) AS n FROM sync_snapshot_stage WHERE dataset = 'catalog'").get()).toEqual({ n: 4 });
    let resumed = 0;
    const engine = testEngine(db, d.client, platform.url, { pageSize: 2, hooks: { afterPage: (ds) => void (ds === 'catalog' && resumed++) } });
    await engine.pullAll();
    expect(resumed).toBe(2); // pages 3 and 4, not from the start
    expect(db.prepare('SELECT count(*) AS n FROM catalog_items').get()).toEqual({ n: 8 });
    publishItem(platform.db, { ...sampleCatalog(1)[0]!, name: '改名后的事项', version: 2 });
    await engine.pullAll();
    expect(db.prepare('SELECT item_name, item_version FROM case_items WHERE case_id = ?').get(caseId)).toEqual({ item_name: '个体工商户设立登记', item_version: 1 });
    db.close();
    await platform.close();
  });

  it('a client clock one day off changes nothing but raises the drift flag', async () => {
    const d = dirs();
    const platform = await startPlatform({ shippedGuides: false, dataDir: d.platform, tokenTtlMs: 60_000 });
    const db = clientDb(d.client);
    for (let i = 1; i <= 5; i++) acceptCase(db, i);
    const ahead: SyncClock = { now: () => Date.now() + 86_400_000, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };
    const engine = testEngine(db, d.client, platform.url, { clock: ahead });
    await engine.syncOnce();
    expect(outboxCounts(db)).toMatchObject({ pending: 0, acked: 5 });
    expect(db.prepare('SELECT count(*) AS n FROM catalog_items').get()).toEqual({ n: 3 });
    expect(engine.status().clockDrift).toBe(true);
    expect(Math.round(engine.status().clockOffsetMs! / 3600_000)).toBe(-24);
    db.close();
    await platform.close();
  });
});

describe('blobs', () => {
  it('bytes that do not match their hash are refused; a corrupt local file becomes a visible rejection', async () => {
    const d = dirs();
    const platform = await startPlatform({ shippedGuides: false, dataDir: d.platform });
    const db = clientDb(d.client);
    const engine = testEngine(db, d.client, platform.url);
    await engine.client.ensureRegistered();
    const sha = 'a'.repeat(64);
    await expect(engine.client.call('PUT', `/blobs/${sha}`, { bytes: Buffer.from('not it') }, blobReplySchema, [200])).rejects.toThrow(/422 HASH_MISMATCH/);
    expect(platform.db.prepare('SELECT count(*) AS n FROM blobs').get()).toEqual({ n: 0 });
    writeFileSync(join(d.client, 'blobs', sha), 'corrupted on disk');
    acceptCase(db, 1, { blobRefs: [sha] });
    acceptCase(db, 2);
    await engine.pushAll();
    expect(db.prepare('SELECT state, reject_code FROM outbox ORDER BY seq').all()).toEqual([
      { state: 'rejected', reject_code: 'BLOB_MISSING' },
      { state: 'acked', reject_code: null },
    ]);
    db.close();
    await platform.close();
  });
});
