import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { CaseDocument } from '../../shared/contract/cases';
import { makeDocumentCases } from '../support/case-documents';
import { expect, test } from './fixtures';

test.use({ sampleCatalogSize: 300 });

const demoUrl = (host: { url: string; token: string }, caseId: string, doc?: string) =>
  `${host.url}/clerk/?document-demo&case=${encodeURIComponent(caseId)}${doc ? `&doc=${doc}` : ''}#token=${host.token}`;

/** The preview's print media as a real A4 PDF, its text (pdftotext) and its pages as PNGs. */
async function printToPdf(page: Page, dir: string, name: string) {
  mkdirSync(dir, { recursive: true });
  const pdf = join(dir, `${name}.pdf`);
  await page.emulateMedia({ media: 'print' });
  writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  await page.emulateMedia({ media: 'screen' });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  const pages = text.split('\f').filter((p) => p.trim()).length;
  execFileSync('pdftoppm', ['-r', '110', '-png', pdf, join(dir, name)]);
  const pngs = readdirSync(dir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png')).map((f) => join(dir, f)).sort();
  return { pdf, text, pages, pngs, flat: text.replace(/\s+/g, '') };
}

/** Every QR code zbarimg finds on a page image. */
function qrCodes(png: string): string[] {
  const out = execFileSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', png], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}

async function openPreview(page: Page, host: { url: string; token: string }, caseId: string, docs: CaseDocument[], doc?: string) {
  await page.goto(demoUrl(host, caseId, doc));
  const preview = page.getByTestId('doc-preview');
  await expect(preview.locator('.doc-page').first()).toBeVisible();
  await expect(page.getByRole('dialog').getByText(docs[0]!.docNo).first()).toBeVisible();
  await page.evaluate('document.fonts.ready');
  return preview;
}

test('受理通知书 + 告知承诺书: A4 PDF with the 受理号, the materials and a QR code for the lookup; printing is logged', async ({ page, host, services }, testInfo) => {
  const cases = await makeDocumentCases(services);
  const { caseId, documents } = cases.accepted;
  const notice = documents.find((d) => d.docType === 'acceptance')!;
  const c = notice.content as { caseNo: string; queryPassword: string; lookupRef: string; materials: { name: string }[] };
  await openPreview(page, host, caseId, documents);
  await page.screenshot({ path: testInfo.outputPath('preview-acceptance.png') });

  const out = await printToPdf(page, testInfo.outputPath('pdf'), 'acceptance');
  expect(out.pages).toBe(2);
  expect(out.flat).toContain(c.caseNo);
  expect(out.flat).toContain(`查询密码：${c.queryPassword}`);
  for (const m of c.materials) expect(out.flat).toContain(m.name);
  expect(out.flat).toContain('告知承诺书');
  expect(qrCodes(out.pngs[0]!)).toEqual([c.lookupRef]);
  // The PDF page is A4 portrait (595 × 842 pt).
  expect(execFileSync('pdfinfo', [out.pdf], { encoding: 'utf8' })).toMatch(/Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)/);

  // 打印: the browser's print runs with the documents in the print container, then the log.
  await page.evaluate(`window.__printed = []; window.print = () => window.__printed.push(document.querySelector('.doc-print-root')?.innerText ?? '')`);
  await page.getByRole('spinbutton', { name: '份数' }).fill('2');
  await page.getByRole('dialog').getByRole('button', { name: /打\s*印/ }).click();
  await expect(page.getByText(/已发送打印/)).toBeVisible();
  const printed = (await page.evaluate('window.__printed')) as string[];
  expect(printed).toHaveLength(1);
  expect(printed[0]!.split(c.caseNo).length - 1).toBeGreaterThanOrEqual(4);
  const rows = services.db.prepare('SELECT document_id, via, copies FROM document_prints ORDER BY id').all();
  expect(rows).toEqual(documents.map((d) => ({ document_id: d.id, via: 'pdf', copies: 2 })));
  expect(services.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'document.print'").get()).toEqual({ n: 2 });

  // A reprint from the case uses the same path and is logged again.
  await page.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
  await page.getByRole('button', { name: '直接补打' }).click();
  await expect.poll(() => (services.db.prepare('SELECT count(*) AS n FROM document_prints').get() as { n: number }).n).toBe(4);
  expect((await page.evaluate('window.__printed.length')) as number).toBe(2);

  // The local service gone while printing: the clerk reads what happened and what to do.
  await page.route('**/api/documents.logPrint', (r) => r.abort());
  await page.getByRole('button', { name: '打印预览' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /打\s*印/ }).click();
  await expect(page.getByText(/文书已送打印，但打印记录未能保存：无法连接本机服务/)).toBeVisible();
  await expect(page.getByText(/在办件详情中补打一次/)).toBeVisible();
  expect((services.db.prepare('SELECT count(*) AS n FROM document_prints').get() as { n: number }).n).toBe(4);
});

test('一次性告知书 lists exactly the missing and defective materials', async ({ page, host, services }, testInfo) => {
  const cases = await makeDocumentCases(services);
  const { caseId, documents, owed, given } = cases.correcting;
  await openPreview(page, host, caseId, documents);
  const out = await printToPdf(page, testInfo.outputPath('pdf'), 'correction');
  expect(out.pages).toBe(1);
  for (const n of owed) expect(out.flat).toContain(n);
  for (const n of given.filter((g) => !owed.some((o) => o.includes(g) || g.includes(o)))) expect(out.flat).not.toContain(n);
  expect(qrCodes(out.pngs[0]!)).toEqual([String(documents[0]!.content.lookupRef)]);
});

test('容缺受理通知书 prints on two pages (申请人留存 / 窗口存档) plus the 承诺书', async ({ page, host, services }, testInfo) => {
  const cases = await makeDocumentCases(services);
  const { caseId, documents } = cases.rongque;
  await openPreview(page, host, caseId, documents);
  const out = await printToPdf(page, testInfo.outputPath('pdf'), 'rongque');
  expect(out.pages).toBe(3);
  const pages = out.text.split('\f').map((p) => p.replace(/\s+/g, ''));
  expect(pages[0]).toContain('申请人留存');
  expect(pages[1]).toContain('窗口存档');
  expect(pages[2]).toContain('申请容缺受理承诺书');
  for (const p of pages.slice(0, 3)) expect(p).toContain('主债权合同');
  const ref = String(documents[0]!.content.lookupRef);
  for (const png of out.pngs) expect(qrCodes(png)).toEqual([ref]);
});

test('every document type renders to a PNG page (收件凭证, 不予受理, 领取登记, 邮寄登记)', async ({ page, host, services }, testInfo) => {
  const cases = await makeDocumentCases(services);
  for (const [name, set] of Object.entries({ receipt: cases.received, refusal: cases.refused, handover: cases.handedOver, mailing: cases.mailed })) {
    await openPreview(page, host, set.caseId, set.documents, name);
    const out = await printToPdf(page, testInfo.outputPath('pdf'), name);
    expect(out.pages).toBe(1);
    expect(out.flat).toContain(String(set.documents[0]!.content.caseNo));
    expect(out.flat).not.toMatch(/undefined|null|NaN/);
    expect(qrCodes(out.pngs[0]!)).toEqual([String(set.documents[0]!.content.lookupRef)]);
  }
});
