import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pendingOps } from '../../electron/services/outbox/outbox';
import { DEFAULT_BATCH_SIZE } from '../../electron/services/sync/engine';
import { startPlatform } from '../central/server';
import { publishItem, sampleCatalog } from '../central/store';
import { acceptCase, clientDb, testEngine, writeBlob } from '../support/sync';
import { makeTempDir } from '../support/tmp';
import { type BenchModule, round } from './harness';

/** A sink that reads each request body and answers 200: raw HTTP, the baseline. */
async function sink() {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

async function rawSend(url: string, bodies: (string | Buffer)[], method = 'POST'): Promise<number> {
  const t0 = process.hrtime.bigint();
  for (const body of bodies) await (await fetch(url, { method, body: typeof body === 'string' ? body : new Uint8Array(body) })).text();
  return seconds(t0);
}

const opBodies = (db: ReturnType<typeof clientDb>, batch: number) => {
  const ops = pendingOps(db, 1_000_000);
  const bodies: string[] = [];
  for (let i = 0; i < ops.length; i += batch) bodies.push(JSON.stringify({ clientId: 'x', ops: ops.slice(i, i + batch).map(({ state: _s, attempts: _a, lastError: _l, rejectCode: _c, rejectReason: _r, ...o }) => o) }));
  return bodies;
};

/** A platform and a registered client in `dir`; `fill` queues work before the clock starts. */
async function scene(dir: string, fill: (db: ReturnType<typeof clientDb>) => void, overrides: Parameters<typeof testEngine>[3] = {}) {
  const platform = await startPlatform({ dataDir: join(dir, 'platform') });
  const db = clientDb(dir);
  fill(db);
  const engine = testEngine(db, dir, platform.url, { requestTimeoutMs: 120_000, ...overrides });
  await engine.client.ensureRegistered();
  return { platform, db, engine, close: async () => (db.close(), await platform.close()) };
}

const bench: BenchModule = {
  prefix: 'sync',
  async run(emit) {
    const tmp = makeTempDir('zhck-bench-sync-');
    const raw = await sink();
    try {
      // push: 3,000 cases, in the engine's batches (the baseline POSTs the same batches)
      {
        const N = 3000;
        const { db, engine, close } = await scene(join(tmp.dir, 'push'), (db) =>
          db.transaction(() => {
            for (let i = 1; i <= N; i++) acceptCase(db, i);
          })(),
        );
        const bodies = opBodies(db, DEFAULT_BATCH_SIZE);
        const t0 = process.hrtime.bigint();
        await engine.pushAll();
        const s = seconds(t0);
        const rawS = await rawSend(`${raw.url}/sync/push`, bodies);
        emit({ name: 'sync.push.cases_per_s', value: round(N / s, 1), unit: 'cases/s', compare: { name: 'raw HTTP POST of the same bytes', value: round(N / rawS, 1) } });
        await close();
      }
      // blobs: 40 files of 1 MiB
      {
        const dir = join(tmp.dir, 'blob');
        const shas: string[] = [];
        const { engine, close } = await scene(dir, (db) => {
          shas.push(...Array.from({ length: 40 }, () => writeBlob(dir, randomBytes(1 << 20))));
          acceptCase(db, 1, { blobRefs: shas });
        });
        const t0 = process.hrtime.bigint();
        await engine.pushAll();
        const s = seconds(t0);
        const rawS = await rawSend(`${raw.url}/blobs/x`, shas.map((h) => readFileSync(join(dir, 'blobs', h))), 'PUT');
        emit({ name: 'sync.blob.mb_per_s', value: round(40 / s, 1), unit: 'MiB/s', compare: { name: 'raw HTTP PUT of the same files', value: round(40 / rawS, 1) } });
        await close();
      }
      // backlog: 10,000 cases with 3 attachments (4 KiB) each
      {
        const dir = join(tmp.dir, 'backlog');
        const files: Buffer[] = [];
        const { db, engine, close } = await scene(dir, (db) =>
          db.transaction(() => {
            for (let i = 1; i <= 10_000; i++) {
              const blobs = [0, 1, 2].map(() => randomBytes(4096));
              files.push(...blobs);
              acceptCase(db, i, { blobRefs: blobs.map((b) => writeBlob(dir, b)) });
            }
          })(),
        );
        const bodies = opBodies(db, DEFAULT_BATCH_SIZE);
        const t0 = process.hrtime.bigint();
        await engine.pushAll();
        const s = seconds(t0);
        const rawS = (await rawSend(`${raw.url}/blobs/x`, files, 'PUT')) + (await rawSend(`${raw.url}/sync/push`, bodies));
        emit({ name: 'sync.backlog10k.s', value: round(s, 2), unit: 's', compare: { name: 'raw HTTP of the same ops and attachments', value: round(rawS, 2) } });
        await close();
      }
      // catalogue: a full pull of 15,000 items, pages of 500
      {
        const { db, engine, platform, close } = await scene(join(tmp.dir, 'catalog'), () => undefined, { pageSize: 500 });
        platform.db.transaction(() => {
          for (const item of sampleCatalog(15_000)) publishItem(platform.db, { ...item, materials: item.materials.map((m) => ({ ...m, id: `${item.id}-${m.id}` })) });
        })();
        const t0 = process.hrtime.bigint();
        await engine.pullAll();
        const s = seconds(t0);
        // Baseline: the same pages fetched and parsed, nothing stored.
        db.prepare('DELETE FROM sync_cursors').run();
        const token = (db.prepare('SELECT access_token FROM sync_client').get() as { access_token: string }).access_token;
        const t1 = process.hrtime.bigint();
        let cursor: string | null = null;
        for (;;) {
          const q: URLSearchParams = new URLSearchParams({ dataset: 'catalog', limit: '500', ...(cursor ? { cursor } : {}) });
          const page = (await (await fetch(`${platform.url}/sync/pull?${q}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { nextCursor: string; hasMore: boolean };
          cursor = page.nextCursor;
          if (!page.hasMore) break;
        }
        emit({ name: 'sync.catalogFull.s', value: round(s, 2), unit: 's', compare: { name: 'raw HTTP GET of the same pages, not stored', value: round(seconds(t1), 2) } });
        await close();
      }
    } finally {
      await raw.close();
      tmp.cleanup();
    }
  },
};
export default bench;
