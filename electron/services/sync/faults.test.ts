import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { allFaults, type Fault, startFaultProxy } from '../../../test/central/fault-proxy';
import { startPlatform } from '../../../test/central/server';
import { acceptCase, clientDb, platformOps, testEngine, until, writeBlob } from '../../../test/support/sync';
import { makeTempDir } from '../../../test/support/tmp';
import { outboxCounts } from '../outbox/outbox';

const tmp = makeTempDir();
afterAll(tmp.cleanup);
let run = 0;

describe('through a fault-injecting proxy, random schedules (fixed seed)', () => {
  it('after the faults stop, the platform holds exactly the client ops, byte for byte, and the outbox is empty', async () => {
    const injectedTotal: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...allFaults), { minLength: 5, maxLength: 25 }), fc.integer({ min: 5, max: 30 }), async (faults: Fault[], cases: number) => {
        const dir = join(tmp.dir, `f${++run}`);
        const platform = await startPlatform({ shippedGuides: false, dataDir: join(dir, 'platform'), tokenTtlMs: 60_000 });
        const proxy = await startFaultProxy(platform.url);
        const db = clientDb(dir);
        const blob = writeBlob(dir, Buffer.from(`附件 ${run}`));
        for (let i = 1; i <= cases; i++) acceptCase(db, i, i % 4 === 0 ? { blobRefs: [blob] } : {});
        proxy.schedule(faults);
        const engine = testEngine(db, dir, proxy.url, { batchSize: 4, requestTimeoutMs: 300 });
        engine.start();
        // a second burst of cases while the engine is working
        for (let i = cases + 1; i <= cases + 3; i++) acceptCase(db, i);
        engine.kick();
        try {
          await until(() => proxy.remaining === 0 && outboxCounts(db).pending === 0, 'the outbox to drain');
        } finally {
          await engine.stop();
        }
        const local = db.prepare('SELECT seq, op_id AS opId, payload FROM outbox ORDER BY seq').all() as { seq: number; opId: string; payload: string }[];
        const remote = platformOps(platform.db);
        expect(remote.map((o) => [o.seq, o.opId, o.payload])).toEqual(local.map((o) => [o.seq, o.opId, o.payload]));
        expect(outboxCounts(db)).toEqual({ pending: 0, acked: cases + 3, rejected: 0 });
        expect(readFileSync(join(platform.blobDir, blob)).toString()).toBe(`附件 ${run}`);
        for (const [k, v] of Object.entries(proxy.injected)) injectedTotal[k] = (injectedTotal[k] ?? 0) + v;
        db.close();
        await proxy.close();
        await platform.close();
      }),
      { seed: 20261123, numRuns: 8 },
    );
    // The schedules did exercise the faults (not only 'pass').
    expect(Object.keys(injectedTotal).filter((k) => k !== 'pass').length).toBeGreaterThanOrEqual(8);
  }, 90_000);

  it('a malformed reply is refused by schema and logged without personal data, then retried', async () => {
    const dir = join(tmp.dir, 'malformed');
    const platform = await startPlatform({ shippedGuides: false, dataDir: join(dir, 'platform') });
    const proxy = await startFaultProxy(platform.url);
    const db = clientDb(dir);
    acceptCase(db, 1);
    const engine = testEngine(db, dir, proxy.url);
    await engine.client.ensureRegistered();
    proxy.schedule(['pass', 'malformed']); // token, then the push reply
    await expect(engine.pushAll()).rejects.toThrow('平台的回复格式不正确');
    await engine.pushAll();
    expect(outboxCounts(db).pending).toBe(0);
    const log = readFileSync(join(dir, 'logs', 'client.log'), 'utf8');
    expect(log).toContain('malformed platform reply refused');
    expect(log).not.toContain('110101199003071234');
    expect(log).not.toContain('王小明');
    db.close();
    await proxy.close();
    await platform.close();
  });
});
