import { localToday } from '../../shared/domain/idcard/numbers';
import type { CaseDocument } from '../../shared/contract/cases';
import { type AppServices, createAppServices } from '../../electron/services/app';
import { sampleGuides } from '../../electron/services/catalog/sample-catalog';
import { call } from './call';
import { applicant, idNumber } from './people';
import { makeTempDir } from './tmp';

/** One real case per printed document type, made through the contract like a window would. */
export interface DocumentCases {
  /** 受理通知书 + 告知承诺书 (经营场所使用证明 by 告知承诺). */
  accepted: { caseId: string; documents: CaseDocument[] };
  /** 收件凭证. */
  received: { caseId: string; documents: CaseDocument[] };
  /** 一次性告知书 for the 新生儿出生一件事 with 结婚证 missing and 出生医学证明 defective. */
  correcting: { caseId: string; documents: CaseDocument[]; owed: string[]; given: string[] };
  /** 不予受理决定书. */
  refused: { caseId: string; documents: CaseDocument[] };
  /** 容缺受理通知书 + 申请容缺受理承诺书 (主债权合同 容缺). */
  rongque: { caseId: string; documents: CaseDocument[] };
  /** 办理结果领取登记 (an agent with the 委托书) and 邮寄登记. */
  handedOver: { caseId: string; documents: CaseDocument[] };
  mailed: { caseId: string; documents: CaseDocument[] };
}

type State = 'paper' | 'electronic' | 'promise' | 'rongque' | 'missing' | 'defective';

async function draft(s: AppServices, who: ReturnType<typeof applicant>, target: { itemIds: string[] } | { bundleId: string }, states: Record<string, State> = {}, notes: Record<string, string> = {}) {
  const d = await call(s, 'cases.saveDraft', { applicant: who, ...target });
  const materials = d.materials
    .filter((m) => m.necessity === 'required' || states[m.name])
    .map((m) => ({ key: m.key, state: states[m.name] ?? ('paper' as const), count: m.copiesRequired || 1, ...(notes[m.name] ? { note: notes[m.name] } : {}) }));
  return call(s, 'cases.saveDraft', { caseId: d.id, draftRev: d.draftRev, materials });
}

function nextWorkday(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  do d.setUTCDate(d.getUTCDate() + 1);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6);
  return d.toISOString().slice(0, 10);
}

export async function makeDocumentCases(s: AppServices): Promise<DocumentCases> {
  const { gtgsh, dyqdj } = sampleGuides;

  const a = await draft(s, applicant('王小明', 123), { itemIds: [gtgsh.id] }, { 经营场所使用证明: 'promise' });
  const accepted = await call(s, 'cases.accept', { caseId: a.id });

  const r = await draft(s, applicant('陈静', 234), { itemIds: [gtgsh.id] });
  const received = await call(s, 'cases.receive', { caseId: r.id });

  const owedStates: Record<string, State> = { 结婚证: 'missing', 出生医学证明: 'defective' };
  const c = await draft(s, applicant('李娜', 456), { bundleId: 'bundle-newborn' }, owedStates, { 出生医学证明: '复印件不清晰' });
  const correcting = await call(s, 'cases.notifyCorrection', { caseId: c.id, note: '补正时请携带本告知书' });
  const owed = (correcting.documents[0]!.content.owed as { name: string }[]).map((o) => o.name);
  const given = c.materials.filter((m) => m.necessity === 'required' && !owed.includes(m.name)).map((m) => m.name);

  const f = await draft(s, applicant('张伟', 345), { itemIds: [gtgsh.id] });
  const refused = await call(s, 'cases.refuse', { caseId: f.id, reason: '申请人已在本区登记同名个体工商户，重复申请', competentAuthority: '示例区市场监督管理局' });

  const q = await draft(s, applicant('刘洋', 567), { itemIds: [dyqdj.id] }, { 主债权合同: 'rongque' });
  const rongque = await call(s, 'cases.acceptRongque', { caseId: q.id, deadline: nextWorkday(localToday(new Date(q.createdAt))), commitmentSigned: true });

  const h = await draft(s, applicant('周敏', 678), { itemIds: [dyqdj.id] });
  const hAccepted = await call(s, 'cases.accept', { caseId: h.id });
  const m = await draft(s, applicant('孙丽', 789), { itemIds: [dyqdj.id] });
  const mAccepted = await call(s, 'cases.accept', { caseId: m.id });
  // The platform reports 办结 only once it has seen the case: acknowledge the outbox first.
  s.db.prepare("UPDATE outbox SET state = 'acked', acked_at = 'now'").run();
  const at = new Date().toISOString();
  for (const x of [hAccepted, mAccepted]) await call(s, 'cases.applyPlatformStatus', { caseNo: x.case.caseNo!, statusCode: 11, at, note: '' });
  const handedOver = await call(s, 'cases.deliver', {
    caseId: h.id,
    mode: 'pickup',
    collector: { role: 'agent', name: '赵六', certNo: idNumber('19850505', 777) },
    powerOfAttorneyChecked: true,
  });
  const mailed = await call(s, 'cases.deliver', {
    caseId: m.id,
    mode: 'mail',
    mail: { recipient: '孙丽', phone: '13900002222', address: '示例市示例区幸福路 8 号 2 幢 301 室', waybillNo: 'EMS1234567890' },
  });

  return {
    accepted: { caseId: a.id, documents: accepted.documents },
    received: { caseId: r.id, documents: received.documents },
    correcting: { caseId: c.id, documents: correcting.documents, owed, given },
    refused: { caseId: f.id, documents: refused.documents },
    rongque: { caseId: q.id, documents: rongque.documents },
    handedOver: { caseId: h.id, documents: handedOver.documents },
    mailed: { caseId: m.id, documents: mailed.documents },
  };
}

/** A fresh data folder with a small catalogue and the cases above; `close` removes it all. */
export async function startDocumentCases(): Promise<{ cases: DocumentCases; close: () => void }> {
  const tmp = makeTempDir();
  const services = createAppServices({ dataDir: tmp.dir, host: 'browser', sampleCatalogSize: 300 });
  try {
    return {
      cases: await makeDocumentCases(services),
      close: () => {
        services.close();
        tmp.cleanup();
      },
    };
  } catch (e) {
    services.close();
    tmp.cleanup();
    throw e;
  }
}
