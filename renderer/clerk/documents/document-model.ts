import type { CaseDocument } from '../../../shared/contract/cases';
import { acceptanceSealText, refusalRemedyText } from '../../../shared/domain/cases/document-text';

/**
 * The frozen `content` of a document, read leniently: a reprint of a document made by an older
 * version (missing keys) still prints, with empty fields rather than an error.
 */
export interface DocMaterial {
  name: string;
  state: string;
  stateLabel: string;
  count: number;
  note: string;
}
export interface DocParty {
  name: string;
  certType: string;
  certNo: string;
  phone: string;
}
export interface DocModel {
  id: string;
  docType: string;
  docNo: string;
  title: string;
  caseNo: string;
  queryPassword: string;
  lookupRef: string;
  hallName: string;
  windowNo: number | null;
  clerk: string;
  issuedAt: string;
  issuedOn: string;
  applicant: DocParty;
  agent: { name: string; certNo: string } | null;
  items: string[];
  materials: DocMaterial[];
  promiseLimit: number | null;
  promiseUnit: string;
  promiseDue: string;
  seal: string;
  noticeDue: string;
  owed: { name: string; problem: string; copies: number }[];
  /** PNG data URL of the applicant's signature from the customer screen, or '' (signed by hand). */
  signature: string;
  note: string;
  reason: string;
  competentAuthority: string;
  remedy: string;
  rongqueMaterials: string[];
  rongqueDeadline: string;
  promised: string[];
  delivery: Record<string, unknown>;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const rec = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export function readDocument(doc: CaseDocument): DocModel {
  const c = doc.content;
  const a = rec(c.applicant);
  const agent = c.agent ? rec(c.agent) : null;
  return {
    id: doc.id,
    docType: doc.docType,
    docNo: str(c.docNo) || doc.docNo,
    title: str(c.title),
    caseNo: str(c.caseNo),
    queryPassword: str(c.queryPassword),
    lookupRef: str(c.lookupRef),
    hallName: str(c.hallName),
    windowNo: num(c.windowNo),
    clerk: str(c.clerk),
    issuedAt: str(c.issuedAt) || doc.createdAt,
    issuedOn: str(c.issuedOn) || doc.createdAt.slice(0, 10),
    applicant: { name: str(a.name), certType: str(a.certType), certNo: str(a.certNo), phone: str(a.phone) },
    agent: agent ? { name: str(agent.name), certNo: str(agent.certNo) } : null,
    items: list(c.items).map(str),
    materials: list(c.materials).map((m) => {
      const r = rec(m);
      return { name: str(r.name), state: str(r.state), stateLabel: str(r.stateLabel), count: num(r.count) ?? 0, note: str(r.note) };
    }),
    promiseLimit: num(c.promiseLimit),
    promiseUnit: str(c.promiseUnit),
    promiseDue: str(c.promiseDue),
    seal: str(c.seal) || acceptanceSealText,
    signature: /^data:image\/png;base64,/.test(str(c.signature)) ? str(c.signature) : '',
    noticeDue: str(c.noticeDue),
    owed: list(c.owed).map((o) => {
      const r = rec(o);
      return { name: str(r.name), problem: str(r.problem), copies: num(r.copies) ?? 1 };
    }),
    note: str(c.note),
    reason: str(c.reason),
    competentAuthority: str(c.competentAuthority),
    remedy: str(c.remedy) || refusalRemedyText,
    rongqueMaterials: list(c.rongqueMaterials).map(str),
    rongqueDeadline: str(c.rongqueDeadline),
    promised: list(c.promised).map(str),
    delivery: rec(c.delivery),
  };
}

const digits = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 二〇二六年十一月二十三日: the date style of official documents (党政机关公文格式). */
export function chineseDate(isoDay: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDay);
  if (!m) return '    年  月  日';
  const year = [...m[1]!].map((d) => digits[Number(d)]).join('');
  return `${year}年${chineseNumber(Number(m[2]))}月${chineseNumber(Number(m[3]))}日`;
}

/** 1–31 in Chinese numerals: 十, 十一, 二十, 二十三. */
export function chineseNumber(n: number): string {
  if (n < 10) return digits[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : digits[tens]}十${ones ? digits[ones] : ''}`;
}

/** 2026年11月23日 (an ordinary date in a table or sentence). */
export function plainDate(isoDay: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDay);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : '';
}

/** The local wall-clock time of an ISO instant, as 2026年11月23日 09:30. */
export function plainDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function promiseText(d: DocModel): string {
  if (d.promiseLimit === null) return '';
  if (d.promiseLimit === 0) return '即办（当场办结）';
  return `${d.promiseLimit}个${d.promiseUnit === 'day' ? '自然日' : '工作日'}`;
}

const certTypeNames: Record<string, string> = {
  '111': '居民身份证',
  '001': '统一社会信用代码',
  '414': '护照',
  '516': '港澳台居民居住证',
  '553': '外国人永久居留身份证',
};
export const certTypeName = (code: string): string => certTypeNames[code] ?? '证件';
