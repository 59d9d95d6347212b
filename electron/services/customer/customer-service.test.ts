import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CentralAuthStub, startCentralAuth } from '../../../test/support/central-auth';
import { makeTempDir } from '../../../test/support/tmp';
import { createAppServices } from '../app';
import { pendingOps } from '../outbox/outbox';

const tmp = makeTempDir();
let central: CentralAuthStub;
let n = 0;
beforeAll(async () => {
  central = await startCentralAuth();
});
afterAll(async () => {
  await central.close();
  tmp.cleanup();
});

async function signedIn(login = 'zhangsan') {
  const app = createAppServices({ dataDir: `${tmp.dir}/c${n++}`, host: 'browser' });
  app.settings.update({ centralUrl: central.url, windowNo: 3 });
  await app.auth.signIn(login, 'Hall-2026');
  const call = async (m: string, i: unknown) => {
    const r = await app.dispatch(m, i, { via: 'internal' });
    if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
    return r.value as Record<string, unknown>;
  };
  const seen: string[] = [];
  app.events.subscribe((name) => seen.push(name));
  return { app, call, seen };
}

/** A real 1×1 PNG, built here so the test does not trust a fixture file. */
function tinyPng(): string {
  const crc = (buf: Buffer) => {
    let c = ~0;
    for (const b of buf) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    }
    return ~c >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

describe('customer screen', () => {
  it('shows only masked ID numbers, and only for a signed-in, unlocked clerk', async () => {
    const { app, call } = await signedIn();
    const view = { kind: 'case', caseNo: null, applicantName: '李梅', idNumberMasked: '110105********1234', items: ['个体工商户设立登记'], materials: [{ name: '身份证', state: '已收' }], decision: null };
    await call('customer.show', view);
    expect((await call('customer.current', {})).view).toEqual(view);
    await expect(call('customer.show', { ...view, idNumberMasked: '11010519491231002X' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    app.auth.lock();
    await expect(call('customer.show', { kind: 'idle' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    app.close();
  });
});

describe('signatures', () => {
  it('stores the PNG with case and purpose and gives it back as a data URL; refuses a stale request and non-PNG', async () => {
    const { app, call, seen } = await signedIn();
    const req = await call('customer.requestSignature', { caseId: 'case-1', purpose: 'deliver' });
    await expect(call('customer.submitSignature', { requestId: req.requestId, dataUrl: 'data:image/png;base64,R0lGODlhAQABAAAAACw=' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const png = tinyPng();
    await expect(call('customer.submitSignature', { requestId: req.requestId, dataUrl: png })).resolves.toMatchObject({ caseId: 'case-1', purpose: 'deliver' });
    await expect(call('customer.submitSignature', { requestId: req.requestId, dataUrl: png })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await call('signatures.get', { caseId: 'case-1', purpose: 'deliver' })).toMatchObject({ dataUrl: png, clerk: 'zhangsan' });
    expect(await app.dispatch('signatures.get', { caseId: 'case-1', purpose: 'promise' }, { via: 'internal' })).toEqual({ ok: true, value: null });
    expect(seen).toEqual(expect.arrayContaining(['customer.signatureRequested', 'customer.signatureDone']));
    app.close();
  });
});

describe('好差评', () => {
  it('a 不满意 with a reason is stored, queued as rating.submitted and opens a follow-up the supervisor sees', async () => {
    const { app, call } = await signedIn();
    const req = await call('customer.requestRating', { caseNo: '3301022611230001', ticketNo: 'A012', serviceStep: 'accept' });
    await expect(call('customer.submitRating', { requestId: req.requestId, grade: 2, optionCodes: [] })).rejects.toMatchObject({ code: 'RULE_VIOLATION' });
    await expect(call('customer.submitRating', { requestId: req.requestId, grade: 2, optionCodes: ['517'] })).rejects.toMatchObject({ code: 'RULE_VIOLATION' });
    const done = await call('customer.submitRating', { requestId: req.requestId, grade: 2, optionCodes: ['213', '208'], comment: '等了很久' });
    expect(done.followUpId).toEqual(expect.any(String));
    const ops = pendingOps(app.db, 10);
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ type: 'rating.submitted', schemaVersion: 1, aggregateId: '3301022611230001' });
    expect(JSON.parse(ops[0]!.payload)).toEqual({
      ratingId: done.ratingId,
      caseNo: '3301022611230001',
      ticketNo: 'A012',
      serviceStep: 'accept',
      grade: 2,
      optionCodes: ['213', '208'],
      comment: '等了很久',
      channel: 5,
      at: expect.any(String),
      clerk: 'zhangsan',
      windowNo: 3,
    });
    // 窗口人员 cannot see follow-ups; 值班长 can and closes one.
    await expect(call('ratings.followUps', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    app.auth.signOut();
    await app.auth.signIn('lisi', 'Hall-2026');
    const list = (await call('ratings.followUps', {})) as unknown as { id: string; grade: number; clerk: string }[];
    expect(list).toMatchObject([{ id: done.followUpId, grade: 2, clerk: 'zhangsan', optionCodes: ['213', '208'] }]);
    await expect(call('ratings.closeFollowUp', { id: done.followUpId, note: '已电话回访，解释说明' })).resolves.toMatchObject({ state: 'closed', closedBy: 'lisi' });
    expect(await call('ratings.followUps', {})).toEqual([]);
    app.close();
  });

  it('no answer is 未评价 (never 非常满意), one rating per step, and a new request closes the old one as 未评价', async () => {
    const { app, call } = await signedIn();
    const a = await call('customer.requestRating', { caseNo: 'C9', ticketNo: null, serviceStep: 'accept' });
    await call('customer.requestRating', { caseNo: 'C9', ticketNo: null, serviceStep: 'deliver' });
    await expect(call('customer.submitRating', { requestId: a.requestId, grade: 5 })).rejects.toMatchObject({ code: 'CONFLICT' });
    const d = (await call('customer.current', {})).rating as { requestId: string };
    await call('customer.skipRating', { requestId: d.requestId });
    const stored = app.db.prepare('SELECT service_step, grade FROM ratings ORDER BY service_step').all();
    expect(stored).toEqual([
      { service_step: 'accept', grade: null },
      { service_step: 'deliver', grade: null },
    ]);
    expect(pendingOps(app.db, 10).map((o) => JSON.parse(o.payload).grade)).toEqual([null, null]);
    expect(app.db.prepare('SELECT count(*) AS n FROM rating_follow_ups').get()).toEqual({ n: 0 });
    const again = await call('customer.requestRating', { caseNo: 'C9', ticketNo: null, serviceStep: 'accept' });
    await expect(call('customer.submitRating', { requestId: again.requestId, grade: 5 })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('一次一评') });
    app.close();
  });
});

describe('sign-out', () => {
  it('returns the customer screen to idle and closes an unanswered rating as 未评价', async () => {
    const { app, call } = await signedIn();
    await call('customer.show', { kind: 'case', caseNo: 'C1', applicantName: '李梅', idNumberMasked: '110105********1234', items: [], materials: [], decision: null });
    await call('customer.requestRating', { caseNo: 'C1', ticketNo: null, serviceStep: 'accept' });
    await call('customer.requestSignature', { caseId: 'k', purpose: 'promise' });
    app.auth.signOut();
    expect(await call('customer.current', {})).toMatchObject({ view: { kind: 'idle' }, rating: null, signature: null });
    expect(app.db.prepare('SELECT case_no, grade, clerk FROM ratings').all()).toEqual([{ case_no: 'C1', grade: null, clerk: 'zhangsan' }]);
    app.close();
  });
});
