import { materialStateLabels, type MaterialSummary } from '../../../shared/domain/cases/materials';
import { acceptanceSealText, refusalRemedyText } from '../../../shared/domain/cases/document-text';
import type { CaseRecord } from './case-rows';

/** Printed documents (domain.md §4.1) and the prefix of their numbers. */
export const documentTypes = {
  receipt: { title: '收件凭证', prefix: 'SJ' },
  acceptance: { title: '受理通知书', prefix: 'SL' },
  correction: { title: '一次性告知书', prefix: 'GZ' },
  refusal: { title: '不予受理决定书', prefix: 'BY' },
  rongque: { title: '容缺受理通知书', prefix: 'RQ' },
  rongqueCommitment: { title: '申请容缺受理承诺书', prefix: 'CN' },
  promise: { title: '告知承诺书', prefix: 'GC' },
  handover: { title: '办理结果领取登记', prefix: 'LQ' },
  mailing: { title: '办理结果邮寄登记', prefix: 'YJ' },
} as const;
export type DocumentType = keyof typeof documentTypes;

export interface DocumentContext {
  hallName: string;
  hallCode: string;
  at: string;
  today: string;
}

/**
 * The frozen content of a document: everything the template prints, so that a reprint years
 * later shows what the applicant was handed, whatever the catalogue or the case became since.
 */
export function documentContent(type: DocumentType, c: CaseRecord, summary: MaterialSummary, ctx: DocumentContext, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type,
    title: documentTypes[type].title,
    caseNo: c.caseNo,
    queryPassword: c.queryPassword,
    /** What the QR code carries: 受理号 and 查询密码 for the progress lookup (办件进度查询). */
    lookupRef: `ZWFW:${c.caseNo}:${c.queryPassword}`,
    hallName: ctx.hallName,
    hallCode: ctx.hallCode,
    windowNo: c.windowNo,
    clerk: c.clerkName,
    issuedAt: ctx.at,
    issuedOn: ctx.today,
    applicant: { name: c.applicant.name, certType: c.applicant.certType, certNo: c.applicant.certNo, phone: c.applicant.phone ?? '' },
    agent: c.agent ? { name: c.agent.name, certNo: c.agent.certNo } : null,
    items: c.items.map((i) => i.name),
    materials: c.materials
      .filter((m) => m.state !== 'missing' || m.necessity === 'required')
      .map((m) => ({ name: m.name, state: m.state, stateLabel: materialStateLabels[m.state], count: m.count, note: m.note })),
    counts: summary.counts,
    promiseLimit: c.promiseLimit,
    promiseUnit: c.promiseUnit,
    promiseDue: c.promiseDue,
    seal: acceptanceSealText,
    ...(type === 'refusal' ? { remedy: refusalRemedyText } : {}),
    ...extra,
  };
}
