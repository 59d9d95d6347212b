import { localToday } from '../../../shared/domain/idcard/numbers';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { parseCaseNo } from '../../../shared/domain/cases/case-number';
import { call } from '../../../test/support/call';
import { applicant, idNumber } from '../../../test/support/people';
import { makeTempDir } from '../../../test/support/tmp';
import { type AppServices, createAppServices } from '../app';
import { verifyAudit } from '../audit/audit-log';
import { sampleGuides } from '../catalog/sample-catalog';
import { pendingOps } from '../outbox/outbox';

let open: { services: AppServices; cleanup: () => void }[] = [];
afterEach(() => {
  for (const o of open) {
    o.services.close();
    o.cleanup();
  }
  open = [];
});

function start() {
  const tmp = makeTempDir();
  const services = createAppServices({ dataDir: tmp.dir, host: 'browser', sampleCatalogSize: 300 });
  open.push({ services, cleanup: tmp.cleanup });
  return services;
}

const gtgsh = sampleGuides.gtgsh;
async function readyDraft(s: AppServices, states: Record<string, string> = {}, itemId = gtgsh.id) {
  const draft = await call(s, 'cases.saveDraft', { applicant: applicant(), itemIds: [itemId] });
  const materials = draft.materials
    .filter((m) => m.necessity === 'required')
    .map((m) => ({ key: m.key, state: (states[m.name] ?? 'paper') as 'paper' }));
  return call(s, 'cases.saveDraft', { caseId: draft.id, draftRev: draft.draftRev, materials });
}

async function refused(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected a refusal');
}

function counts(s: AppServices) {
  const n = (sql: string) => (s.db.prepare(sql).get() as { n: number }).n;
  return { events: n('SELECT count(*) AS n FROM case_events'), outbox: n('SELECT count(*) AS n FROM outbox'), docs: n('SELECT count(*) AS n FROM case_documents'), audit: n('SELECT count(*) AS n FROM audit_log') };
}

describe('case service over the contract', () => {
  it('accepts a 即办件 in one transaction: 受理号, event, document, one outbox op, audit', async () => {
    const s = start();
    const draft = await readyDraft(s);
    expect(draft.summary.canAccept).toBe(true);
    const { case: c, documents } = await call(s, 'cases.accept', { caseId: draft.id });
    expect(c.status).toBe('accepted');
    expect(parseCaseNo(c.caseNo!)).toMatchObject({ regionCode: '330102', windowNo: 1, seq: 1 });
    expect(c.queryPassword).toMatch(/^\d{6}$/);
    expect(documents.map((d) => d.docType)).toEqual(['acceptance']);
    expect(documents[0]!.content).toMatchObject({ caseNo: c.caseNo, title: '受理通知书', lookupRef: `ZWFW:${c.caseNo}:${c.queryPassword}` });
    expect(c.events.map((e) => [e.action, e.statusCode])).toEqual([['accept', 3]]);
    const ops = pendingOps(s.db, 10);
    expect(ops).toHaveLength(1);
    expect(JSON.parse(ops[0]!.payload)).toMatchObject({ caseNo: c.caseNo, action: 'accept', statusCode: 3, items: [{ itemId: gtgsh.id, version: 1 }] });
    expect(verifyAudit(s.db).ok).toBe(true);
    expect(JSON.stringify(s.db.prepare('SELECT * FROM audit_log').all())).not.toContain(applicant().certNo);
  });

  it('refuses 受理 with a required material missing and writes nothing', async () => {
    const s = start();
    const draft = await readyDraft(s, { 经营场所使用证明: 'missing' });
    const before = counts(s);
    const err = await refused(call(s, 'cases.accept', { caseId: draft.id }));
    expect(err.code).toBe('RULE_VIOLATION');
    expect(err.message).toContain('经营场所使用证明');
    expect(counts(s)).toEqual(before);
    expect((await call(s, 'cases.get', { caseId: draft.id })).caseNo).toBeNull();
    // The next successful decision still gets sequence 1: a refused one consumed nothing.
    await call(s, 'cases.saveDraft', { caseId: draft.id, materials: [{ key: draft.materials.find((m) => m.name === '经营场所使用证明')!.key, state: 'promise' }] });
    const ok = await call(s, 'cases.accept', { caseId: draft.id });
    expect(parseCaseNo(ok.case.caseNo!)?.seq).toBe(1);
    expect(ok.documents.map((d) => d.docType)).toEqual(['acceptance', 'promise']);
  });

  it('blocks a wrong ID number with a field message', async () => {
    const s = start();
    const bad = { ...applicant(), certNo: idNumber().slice(0, 17) + (idNumber().endsWith('0') ? '1' : '0') };
    const draft = await call(s, 'cases.saveDraft', { applicant: bad, itemIds: [gtgsh.id] });
    const err = await refused(call(s, 'cases.receive', { caseId: draft.id }));
    expect(err.rule).toBe('case.party');
    expect(err.fields?.['applicant.certNo']).toMatch(/校验/);
  });

  it('merges the 新生儿出生一件事 materials and lists exactly the missing ones in the 一次性告知书', async () => {
    const s = start();
    const draft = await call(s, 'cases.saveDraft', { applicant: applicant('李娜', 456), bundleId: 'bundle-newborn' });
    expect(draft.items).toHaveLength(9);
    const names = draft.materials.map((m) => m.name);
    expect(names.filter((n) => n === '父母双方居民身份证')).toHaveLength(1);
    expect(new Set(names).size).toBe(names.length);
    const marriage = draft.materials.find((m) => m.name === '结婚证')!;
    const patch = draft.materials.filter((m) => m.necessity === 'required' && m.key !== marriage.key).map((m) => ({ key: m.key, state: 'paper' as const }));
    await call(s, 'cases.saveDraft', { caseId: draft.id, materials: patch });
    const { case: c, documents } = await call(s, 'cases.notifyCorrection', { caseId: draft.id });
    expect(c.status).toBe('correcting');
    expect(documents[0]!.content.owed).toEqual([{ name: '结婚证', problem: '未提交', copies: 1 }]);
    const again = await refused(call(s, 'cases.notifyCorrection', { caseId: draft.id }));
    expect(again.rule).toBe('case.transition');
    await call(s, 'cases.correctionReceived', { caseId: draft.id });
    await call(s, 'cases.saveDraft', { caseId: draft.id, materials: [{ key: marriage.key, state: 'electronic' }] });
    expect((await call(s, 'cases.accept', { caseId: draft.id })).case.promiseDue).not.toBeNull();
  });

  it('容缺受理 needs a deadline within the promised limit and produces both documents', async () => {
    const s = start();
    const d0 = await call(s, 'cases.saveDraft', { applicant: applicant(), itemIds: [sampleGuides.dyqdj.id] });
    const contract = d0.materials.find((m) => m.name === '主债权合同')!;
    const id = d0.materials.find((m) => m.name === '申请人身份证明')!;
    expect(await refused(call(s, 'cases.saveDraft', { caseId: d0.id, materials: [{ key: id.key, state: 'rongque' }] }))).toMatchObject({ rule: 'material.rongque' });
    const patch = d0.materials.filter((m) => m.necessity === 'required').map((m) => ({ key: m.key, state: m.key === contract.key ? ('rongque' as const) : ('paper' as const) }));
    const draft = await call(s, 'cases.saveDraft', { caseId: d0.id, materials: patch });
    expect(draft.summary.canAccept).toBe(false);
    expect(draft.summary.canAcceptRongque).toBe(true);
    const late = await refused(call(s, 'cases.acceptRongque', { caseId: draft.id, deadline: '2099-01-01', commitmentSigned: true }));
    expect(late.rule).toBe('rongque.deadline');
    const unsigned = await refused(call(s, 'cases.acceptRongque', { caseId: draft.id, deadline: '2099-01-01', commitmentSigned: false as true }));
    expect(unsigned.code).toBe('INVALID_INPUT');
    const todayPlus1 = localToday(new Date((await call(s, 'cases.get', { caseId: draft.id })).createdAt));
    const r = await call(s, 'cases.acceptRongque', { caseId: draft.id, deadline: nextWorkday(todayPlus1), commitmentSigned: true });
    expect(r.documents.map((d) => d.docType)).toEqual(['rongque', 'rongqueCommitment']);
    expect(r.documents[0]!.content).toMatchObject({ rongqueMaterials: ['主债权合同'], copies: 2 });
    expect(r.documents[1]!.content.signature).toBeUndefined(); // no customer-screen signature: signed by hand
  });

  it('a signature given on the customer screen is printed on the 承诺书 issued after it', async () => {
    const s = start();
    await call(s, 'auth.signIn', { login: 'setup', password: 'x' });
    const d0 = await call(s, 'cases.saveDraft', { applicant: applicant(), itemIds: [sampleGuides.dyqdj.id] });
    const contract = d0.materials.find((m) => m.name === '主债权合同')!;
    const patch = d0.materials.filter((m) => m.necessity === 'required').map((m) => ({ key: m.key, state: m.key === contract.key ? ('rongque' as const) : ('paper' as const) }));
    const draft = await call(s, 'cases.saveDraft', { caseId: d0.id, materials: patch });
    const req = await call(s, 'customer.requestSignature', { caseId: draft.id, purpose: 'rongque' });
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    await call(s, 'customer.submitSignature', { requestId: req.requestId, dataUrl: png });
    const r = await call(s, 'cases.acceptRongque', { caseId: draft.id, deadline: nextWorkday(localToday(new Date(draft.createdAt))), commitmentSigned: true });
    expect(r.documents.find((d) => d.docType === 'rongqueCommitment')!.content.signature).toBe(png);
    expect(r.documents.find((d) => d.docType === 'rongque')!.content.signature).toBeUndefined();
  });

  it('不予受理 refuses an empty reason and records the competent authority', async () => {
    const s = start();
    const draft = await readyDraft(s);
    expect((await refused(call(s, 'cases.refuse', { caseId: draft.id, reason: '  ' }))).code).toBe('INVALID_INPUT');
    const r = await call(s, 'cases.refuse', { caseId: draft.id, reason: '申请事项依法不需要取得行政许可', competentAuthority: '示例区商务局' });
    expect(r.case.status).toBe('refused');
    expect(r.documents[0]!.content).toMatchObject({ reason: '申请事项依法不需要取得行政许可', competentAuthority: '示例区商务局' });
  });

  it('follows the platform: 部门受理 → 特别程序 → 办结 → 待出件, deferring while ops are unsent', async () => {
    const s = start();
    const { case: c } = await call(s, 'cases.accept', { caseId: (await readyDraft(s, {}, sampleGuides.dyqdj.id)).id });
    expect(c.deadline).toMatchObject({ paused: false });
    const change = { caseNo: c.caseNo!, statusCode: 8 as const, at: new Date().toISOString(), note: '' };
    expect(await call(s, 'cases.applyPlatformStatus', change)).toEqual({ result: 'deferred' });
    s.db.prepare("UPDATE outbox SET state = 'acked', acked_at = 'now'").run();
    expect(await call(s, 'cases.applyPlatformStatus', change)).toEqual({ result: 'applied' });
    expect(await call(s, 'cases.applyPlatformStatus', change)).toEqual({ result: 'duplicate' });
    await call(s, 'cases.applyPlatformStatus', { ...change, statusCode: 9, at: new Date(Date.now() + 1).toISOString() });
    expect((await call(s, 'cases.get', { caseId: c.id })).deadline?.paused).toBe(true);
    await call(s, 'cases.applyPlatformStatus', { ...change, statusCode: 10, at: new Date(Date.now() + 2).toISOString() });
    await call(s, 'cases.applyPlatformStatus', { ...change, statusCode: 11, at: new Date(Date.now() + 3).toISOString(), platformNo: 'SB123' });
    const done = await call(s, 'cases.get', { caseId: c.id });
    expect(done.status).toBe('awaitingPickup');
    expect(done.platformNo).toBe('SB123');
    expect(done.events.map((e) => e.statusCode)).toEqual([3, 8, 9, 10, 11]);
    expect(pendingOps(s.db, 10)).toHaveLength(0);

    // 出件 by an agent needs the 委托书; the applicant in person must be the applicant.
    const agent = { role: 'agent' as const, name: '赵六', certNo: idNumber('19850505', 777) };
    expect((await refused(call(s, 'cases.deliver', { caseId: c.id, mode: 'pickup', collector: agent }))).rule).toBe('deliver.powerOfAttorney');
    const stranger = { role: 'applicant' as const, name: '王小明', certNo: idNumber('19850505', 777) };
    expect((await refused(call(s, 'cases.deliver', { caseId: c.id, mode: 'pickup', collector: stranger }))).rule).toBe('deliver.identity');
    const out = await call(s, 'cases.deliver', { caseId: c.id, mode: 'pickup', collector: agent, powerOfAttorneyChecked: true });
    expect(out.case.status).toBe('delivered');
    expect(JSON.stringify(out.case.delivery)).not.toContain(agent.certNo);
    expect(out.documents[0]!.docType).toBe('handover');
  });

  it('adds the 委托书 when an agent is named and finds cases by name, masked ID and 受理号', async () => {
    const s = start();
    const draft = await call(s, 'cases.saveDraft', { applicant: applicant('陈静', 321), agent: { kind: 'person', name: '赵六', certType: '111', certNo: idNumber('19850505', 777) }, itemIds: [sampleGuides.newbornItems[0]!.id] });
    expect(draft.materials.find((m) => m.key === 'power-of-attorney')).toMatchObject({ necessity: 'required' });
    const all = draft.materials.map((m) => ({ key: m.key, state: 'paper' as const }));
    const { case: c } = await call(s, 'cases.accept', { caseId: (await call(s, 'cases.saveDraft', { caseId: draft.id, materials: all })).id });
    const masked = `330102********${applicant('陈静', 321).certNo.slice(-4)}`;
    for (const query of ['陈静', masked, c.caseNo!.slice(0, 14), applicant('陈静', 321).certNo.slice(-6)]) {
      const { rows } = await call(s, 'cases.list', { query });
      expect(rows.map((r) => r.caseNo), query).toEqual([c.caseNo]);
      expect(rows[0]!.certNoMasked).toBe(masked);
    }
    expect((await call(s, 'cases.list', { status: ['delivered'] })).total).toBe(0);
  });

  it('refuses a stale draft revision and a draft whose 办事指南 changed', async () => {
    const s = start();
    const draft = await readyDraft(s);
    expect((await refused(call(s, 'cases.saveDraft', { caseId: draft.id, draftRev: draft.draftRev - 1, form: { a: 'x' } }))).rule).toBe('case.draftRev');
    s.db.prepare('UPDATE catalog_items SET version = version + 1 WHERE id = ?').run(gtgsh.id);
    const err = await refused(call(s, 'cases.accept', { caseId: draft.id }));
    expect(err.rule).toBe('catalog.stale');
  });

  it('says 磁盘空间已满 on SQLITE_FULL and keeps the case as it was', async () => {
    const s = start();
    const draft = await readyDraft(s);
    const before = counts(s);
    const pages = s.db.pragma('page_count', { simple: true }) as number;
    s.db.pragma(`max_page_count = ${pages}`);
    const big = 'x'.repeat(200);
    let err: AppError | undefined;
    for (let i = 0; i < 200 && !err; i++) {
      try {
        await call(s, 'cases.saveDraft', { caseId: draft.id, form: { [`f${i}`]: big } });
      } catch (e) {
        err = e as AppError;
      }
    }
    expect(err?.code).toBe('STORAGE_FULL');
    expect(err?.message).toContain('磁盘空间已满');
    expect(counts(s)).toEqual(before);
    s.db.pragma('max_page_count = 1073741823');
    expect((await call(s, 'cases.accept', { caseId: draft.id })).case.status).toBe('accepted');
  });

  it('says the data folder cannot be written when the database is read-only', async () => {
    const s = start();
    const draft = await readyDraft(s);
    s.db.pragma('query_only = 1');
    const err = await refused(call(s, 'cases.accept', { caseId: draft.id }));
    expect(err.code).toBe('STORAGE_READONLY');
    s.db.pragma('query_only = 0');
    expect((await call(s, 'cases.get', { caseId: draft.id })).status).toBe('draft');
  });
});

function nextWorkday(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  do d.setUTCDate(d.getUTCDate() + 1);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6);
  return d.toISOString().slice(0, 10);
}
