import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPlatform } from '../../../test/central/server';
import { acceptCase, clientDb, platformOps, testEngine, writeBlob } from '../../../test/support/sync';
import { makeTempDir } from '../../../test/support/tmp';
import { appendOutbox, outboxCounts } from '../outbox/outbox';
import { blobReplySchema } from './protocol';
import { MAX_BATCH_BYTES } from './sender';

const tmp = makeTempDir();
afterAll(tmp.cleanup);
let n = 0;
const dirs = () => ({ client: join(tmp.dir, `c${++n}`), platform: join(tmp.dir, `p${n}`) });

const rating = (i: number, commentBytes: number) => ({
  ratingId: `r-${i}`,
  caseNo: `2026112301010000${i}`,
  ticketNo: null,
  serviceStep: 'accept',
  grade: 5,
  optionCodes: [],
  comment: 'x'.repeat(commentBytes),
  channel: 5,
  at: '2026-11-23T08:00:00.000Z',
  clerk: '张三',
  windowNo: 1,
});

describe('batches', () => {
  it('end at the byte budget, an op larger than the budget goes alone, and every op is filed once, in order, byte for byte', async () => {
    const d = dirs();
    let pushes = 0;
    const platform = await startPlatform({ shippedGuides: false, dataDir: d.platform, hooks: { beforePushCommit: () => void pushes++ } });
    const db = clientDb(d.client);
    const sizes = [0.4, 0.4, 0.4, 1.5, 0.1, 0.1].map((f) => Math.floor(f * MAX_BATCH_BYTES));
    db.transaction(() => sizes.forEach((size, i) => appendOutbox(db, { type: 'rating.submitted', schemaVersion: 1, aggregateId: null, payload: rating(i, size), at: '2026-11-23T08:00:00.000Z' })))();
    const engine = testEngine(db, d.client, platform.url, { batchSize: 100, requestTimeoutMs: 20_000 });
    await engine.pushAll();
    // [0.4 0.4] [0.4] [1.5] [0.1 0.1]: four requests where a count limit alone would send one
    expect(pushes).toBe(4);
    expect(outboxCounts(db)).toEqual({ pending: 0, acked: 6, rejected: 0 });
    const local = db.prepare('SELECT seq, op_id AS opId, payload FROM outbox ORDER BY seq').all();
    expect(platformOps(platform.db).map(({ seq, opId, payload }) => ({ seq, opId, payload }))).toEqual(local);
    db.close();
    await platform.close();
  }, 60_000);
});

describe('platform blob store', () => {
  it('a blob whose index row a power cut lost still counts: the durable file is the record', async () => {
    const d = dirs();
    const platform = await startPlatform({ shippedGuides: false, dataDir: d.platform });
    const db = clientDb(d.client);
    const sha = writeBlob(d.client, Buffer.from('身份证复印件'));
    const engine = testEngine(db, d.client, platform.url);
    await engine.client.call('PUT', `/blobs/${sha}`, { bytes: Buffer.from('身份证复印件') }, blobReplySchema, [200]);
    // what a power cut between the file's fsync and the row's commit leaves behind
    platform.db.prepare('DELETE FROM blobs').run();
    const other = writeBlob(d.client, Buffer.from('营业执照'));
    unlinkSync(join(d.client, 'blobs', other)); // never reached the platform: stays missing
    acceptCase(db, 1, { blobRefs: [sha] });
    acceptCase(db, 2, { blobRefs: [other] });
    db.prepare('INSERT INTO sync_blobs_sent (sha256, sent_at) VALUES (?, ?)').run(sha, '2026-11-23T08:00:00.000Z'); // the client saw the 200
    await engine.pushAll();
    expect(db.prepare('SELECT seq, state, reject_code FROM outbox ORDER BY seq').all()).toEqual([
      { seq: 1, state: 'acked', reject_code: null },
      { seq: 2, state: 'rejected', reject_code: 'BLOB_MISSING' },
    ]);
    expect(platform.db.prepare('SELECT sha256, size FROM blobs').all()).toEqual([{ sha256: sha, size: Buffer.byteLength('身份证复印件') }]);
    platform.db.prepare('DELETE FROM blobs').run();
    expect((await engine.client.call('GET', `/blobs/${sha}`, {}, blobReplySchema, [200])).body).toMatchObject({ sha256: sha, size: Buffer.byteLength('身份证复印件') });
    await expect(engine.client.call('GET', `/blobs/${other}`, {}, blobReplySchema, [200])).rejects.toMatchObject({ status: 404 });
    db.close();
    await platform.close();
  });
});
