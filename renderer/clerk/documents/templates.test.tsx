import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDocument } from '../../../shared/contract/cases';
import { type DocumentCases, startDocumentCases } from '../../../test/support/case-documents';
import { idNumber } from '../../../test/support/people';
import { chineseDate, readDocument } from './document-model';
import { DocumentSheets } from './templates';

let cases: DocumentCases;
let close = () => {};
beforeAll(async () => {
  ({ cases, close } = await startDocumentCases());
});
afterAll(() => close());

/** The text a sheet prints, tags stripped. */
const text = (doc: CaseDocument) => renderToStaticMarkup(<DocumentSheets doc={doc} />).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const pages = (doc: CaseDocument) => renderToStaticMarkup(<DocumentSheets doc={doc} />).match(/class="doc-page"/g)?.length ?? 0;
const byType = (docs: CaseDocument[], t: string) => docs.find((d) => d.docType === t)!;

describe('document templates (real documents from the case service)', () => {
  it('writes dates the way official documents do', () => {
    expect(chineseDate('2026-11-23')).toBe('二〇二六年十一月二十三日');
    expect(chineseDate('2030-01-10')).toBe('二〇三〇年一月十日');
    expect(chineseDate('2027-10-05')).toBe('二〇二七年十月五日');
    expect(chineseDate('2026-12-31')).toBe('二〇二六年十二月三十一日');
  });

  it('受理通知书: 受理号, 查询密码, materials with counts, deadline, seal, full ID number', () => {
    const doc = byType(cases.accepted.documents, 'acceptance');
    const d = readDocument(doc);
    const t = text(doc);
    expect(t).toContain('受理通知书');
    expect(t).toContain(`受理号：${d.caseNo}`);
    expect(t).toContain(`查询密码：${d.queryPassword}`);
    expect(t).toContain(idNumber('19900101', 123));
    for (const m of d.materials) expect(t).toContain(m.name);
    expect(t).toContain('（受理专用章）');
    expect(t).toContain(chineseDate(d.issuedOn));
    expect(pages(doc)).toBe(1);
    expect(renderToStaticMarkup(<DocumentSheets doc={doc} />)).toContain(`data-lookup="${d.lookupRef}"`);
  });

  it('告知承诺书 names the promised certificate and the liability', () => {
    const t = text(byType(cases.accepted.documents, 'promise'));
    expect(t).toContain('经营场所使用证明');
    expect(t).toContain('法律责任');
    expect(t).toContain('承诺人（签名）');
  });

  it('收件凭证 masks the ID number and says it is not an acceptance', () => {
    const t = text(cases.received.documents[0]!);
    expect(t).toContain('收件凭证');
    expect(t).not.toContain(idNumber('19900101', 234));
    expect(t).toContain('330102********');
    expect(t).toContain('不表示申请已被受理');
  });

  it('一次性告知书 lists exactly the owed materials', () => {
    const doc = cases.correcting.documents[0]!;
    const t = text(doc);
    expect([...cases.correcting.owed].sort()).toEqual(['出生医学证明', '结婚证']);
    for (const n of cases.correcting.owed) expect(t).toContain(n);
    expect(t).toContain('复印件不清晰');
    const rows = renderToStaticMarkup(<DocumentSheets doc={doc} />).match(/data-material="[^"]+"/g);
    expect(rows).toEqual(cases.correcting.owed.map((n) => `data-material="${n}"`));
  });

  it('不予受理决定书 gives the reason, the competent agency and the remedies', () => {
    const t = text(cases.refused.documents[0]!);
    expect(t).toContain('重复申请');
    expect(t).toContain('示例区市场监督管理局');
    expect(t).toContain('行政复议');
    expect(t).toContain('行政诉讼');
  });

  it('容缺受理通知书 prints two copies, the 承诺书 one page', () => {
    const notice = byType(cases.rongque.documents, 'rongque');
    expect(pages(notice)).toBe(2);
    const t = text(notice);
    expect(t).toContain('申请人留存');
    expect(t).toContain('窗口存档');
    expect(t).toContain('主债权合同');
    expect(pages(byType(cases.rongque.documents, 'rongqueCommitment'))).toBe(1);
  });

  it('承诺书 carries the customer-screen signature on the signature line; without one, a blank to sign by hand', () => {
    const doc = byType(cases.rongque.documents, 'rongqueCommitment');
    const blank = renderToStaticMarkup(<DocumentSheets doc={doc} />);
    expect(blank).not.toContain('<img');
    expect(blank).toContain('doc-blank');
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    const signed = renderToStaticMarkup(<DocumentSheets doc={{ ...doc, content: { ...doc.content, signature: png } }} />);
    expect(signed).toContain(`src="${png}"`);
    expect(signed).toContain('alt="申请人签名"');
    // Anything but a PNG data URL is not put into an <img>.
    expect(renderToStaticMarkup(<DocumentSheets doc={{ ...doc, content: { ...doc.content, signature: 'https://example.com/x.png' } }} />)).not.toContain('<img');
  });

  it('领取登记 and 邮寄登记 show the collector masked and the waybill', () => {
    const h = text(cases.handedOver.documents[0]!);
    expect(h).toContain('赵六（代领）');
    expect(h).not.toContain(idNumber('19850505', 777));
    expect(h).toContain('已核验原件');
    const m = text(cases.mailed.documents[0]!);
    expect(m).toContain('EMS1234567890');
    expect(m).toContain('幸福路');
  });

  it('prints a document made by an older version with keys missing', () => {
    const old: CaseDocument = { id: 'x', docType: 'acceptance', docNo: 'SL-OLD-1', createdAt: '2026-01-05T02:00:00.000Z', prints: 0, content: { title: '受理通知书', caseNo: 'A1' } };
    const t = text(old);
    expect(t).toContain('SL-OLD-1');
    expect(t).toContain('二〇二六年一月五日');
  });

  it('has no English a clerk or applicant could read', () => {
    const all = Object.values(cases).flatMap((c) => c.documents);
    for (const doc of all) expect(text(doc)).not.toMatch(/\b(undefined|null|NaN|acceptance|rongque|paper)\b/);
  });
});
