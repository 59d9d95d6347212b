import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { pendingOps } from '../../electron/services/outbox/outbox';
import { maskIdNumber } from '../../shared/domain/redact';
import { applicant } from '../support/people';
import { expect, signInThroughApi, test } from './fixtures';

test.use({ signInAs: null });

const hasLatin = /[A-Za-z]{4,}/;

test('a whole service on two screens: case shown masked, signature, 不满意 with a reason, 出件 not rated, supervisor sees the 差评', async ({ browser, host, services, central }, testInfo) => {
  await signInThroughApi(host, services, central, 'zhangsan');
  const clerk = await browser.newPage();
  const customer = await browser.newPage();
  await clerk.goto(host.pageUrl('clerk'));
  await customer.goto(host.pageUrl('customer'));
  // Idle: window, the clerk, the promise.
  await expect(customer.getByText('01 号窗口 · 张三为您服务')).toBeVisible();
  await expect(customer.getByText(/服务承诺：/)).toBeVisible();
  await customer.screenshot({ path: testInfo.outputPath('customer-idle.png') });

  // The clerk side pushes what is being done, through the contract the case workspace will call.
  const api = (method: string, input: unknown) =>
    clerk.evaluate(
      `fetch('/api/${method}', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ${host.token}' }, body: ${JSON.stringify(JSON.stringify(input))} }).then((r) => r.json())`,
    ) as Promise<{ ok: boolean; value: Record<string, unknown> }>;
  expect(
    await api('customer.show', {
      kind: 'case',
      caseNo: '3301022611230001',
      applicantName: '李梅',
      idNumberMasked: '110105********1234',
      items: ['个体工商户设立登记'],
      materials: [{ name: '居民身份证', state: '已收原件' }, { name: '经营场所证明', state: '容缺' }],
      decision: '容缺受理',
    }),
  ).toMatchObject({ ok: true });
  await expect(customer.getByText('110105********1234')).toBeVisible();
  await expect(customer.getByText('个体工商户设立登记')).toBeVisible();
  expect(await customer.locator('body').innerText()).not.toMatch(/\d{17}[\dX]/);
  await customer.getByRole('switch', { name: '通俗说明' }).click();
  await expect(customer.getByText('您交的材料')).toBeVisible();
  await customer.screenshot({ path: testInfo.outputPath('customer-case-plain.png') });
  await customer.getByRole('switch', { name: '通俗说明' }).click();

  // Signature for the 容缺 commitment, drawn with the mouse.
  const sig = await api('customer.requestSignature', { caseId: 'case-0001', purpose: 'rongque' });
  expect(sig.ok).toBe(true);
  const pad = customer.getByLabel('签名区');
  await expect(pad).toBeVisible();
  const scribble = async () => {
    const box = (await customer.getByLabel('签名区').boundingBox())!;
    await customer.mouse.move(box.x + 40, box.y + box.height / 2);
    await customer.mouse.down();
    for (let i = 1; i <= 20; i++) await customer.mouse.move(box.x + 40 + i * 20, box.y + box.height / 2 + (i % 2 ? -30 : 30));
    await customer.mouse.up();
  };
  await scribble();
  await customer.screenshot({ path: testInfo.outputPath('customer-signature.png') });
  await customer.getByRole('button', { name: '确认签名' }).click();
  await expect(customer.getByText('110105********1234')).toBeVisible();
  const stored = await api('signatures.get', { caseId: 'case-0001', purpose: 'rongque' });
  expect(stored.value).toMatchObject({ dataUrl: expect.stringMatching(/^data:image\/png;base64,/), clerk: 'zhangsan' });
  // The data URL embeds as it is in a PDF, and the PDF then carries the signature image.
  const pdf = await PDFDocument.create();
  const image = await pdf.embedPng(String(stored.value.dataUrl));
  expect(image.width).toBe(900);
  pdf.addPage([595, 842]).drawImage(image, { x: 300, y: 80, width: 240, height: 80 });
  const pdfPath = testInfo.outputPath('signed.pdf');
  writeFileSync(pdfPath, await pdf.save());
  const images = execFileSync('pdfimages', ['-list', pdfPath], { encoding: 'utf8' });
  expect(images).toMatch(/^\s*1\s+0\s+image\s+900\s+300\s/m);

  // 受理 rating: 不满意 with a reason and a comment.
  await api('customer.requestRating', { caseNo: '3301022611230001', ticketNo: 'A012', serviceStep: 'accept' });
  await expect(customer.getByText('请对本次受理服务进行评价')).toBeVisible();
  await customer.getByRole('radio', { name: /不满意/ }).first().click();
  await customer.getByRole('button', { name: '提交评价' }).click();
  await expect(customer.getByText('请至少选择一项不满意的原因。')).toBeVisible();
  await customer.getByLabel('窗口人员业务不熟练').check();
  await customer.getByPlaceholder('其他意见或建议（选填）').fill('排队太久');
  await customer.screenshot({ path: testInfo.outputPath('customer-rating.png') });
  expect(await customer.locator('body').innerText()).not.toMatch(hasLatin);
  await customer.getByRole('button', { name: '提交评价' }).click();
  await expect(customer.getByText('感谢您的评价！')).toBeVisible();
  const ops = pendingOps(services.db, 10);
  expect(ops.map((o) => o.type)).toEqual(['rating.submitted']);
  expect(JSON.parse(ops[0]!.payload)).toMatchObject({ caseNo: '3301022611230001', ticketNo: 'A012', serviceStep: 'accept', grade: 2, optionCodes: ['213'], comment: '排队太久', channel: 5, clerk: 'zhangsan', windowNo: 1 });

  // 出件: the applicant signs the receipt, then walks away without rating → 未评价, not 非常满意.
  await api('customer.requestSignature', { caseId: 'case-0001', purpose: 'deliver' });
  await expect(customer.getByText('请在下方签名：出件签收')).toBeVisible();
  await scribble();
  await customer.getByRole('button', { name: '确认签名' }).click();
  await expect(customer.getByText('请在下方签名：出件签收')).toHaveCount(0);
  expect((await api('signatures.get', { caseId: 'case-0001', purpose: 'deliver' })).value).toMatchObject({ dataUrl: expect.stringMatching(/^data:image\/png;base64,/) });
  await api('customer.requestRating', { caseNo: '3301022611230001', ticketNo: 'A012', serviceStep: 'deliver' });
  await customer.getByRole('button', { name: '暂不评价' }).click();
  await expect(customer.getByText('感谢您的评价！')).toBeVisible();
  expect(pendingOps(services.db, 10).map((o) => JSON.parse(o.payload).grade)).toEqual([2, null]);

  // The 值班长 sees the 差评 follow-up on the clerk screen.
  await clerk.getByRole('button', { name: '当前人员' }).click();
  await clerk.getByText('退出登录').click();
  await signInThroughApi(host, services, central, 'lisi');
  await clerk.getByRole('button', { name: '差评回访' }).click();
  await expect(clerk.getByText('办件 3301022611230001')).toBeVisible();
  await expect(clerk.getByText('原因：窗口人员业务不熟练')).toBeVisible();
  await expect(clerk.getByText('01 号窗口 · 张三')).toBeVisible();
  expect(await clerk.locator('main').innerText()).not.toMatch(hasLatin);
  await clerk.screenshot({ path: testInfo.outputPath('follow-ups.png') });
  await clerk.getByRole('button', { name: '办结回访' }).click();
  await clerk.getByLabel('回访核实与整改情况').fill('已电话回访，解释说明');
  await clerk.getByRole('button', { name: '办结', exact: true }).click();
  await expect(clerk.getByText('没有待回访的差评')).toBeVisible();
  // Idle again after the service.
  await api('customer.show', { kind: 'idle' });
  await expect(customer.getByText('欢迎办理业务')).toBeVisible();
  await expect(customer.getByText(/李四为您服务/)).toBeVisible();
});

test('the workspace drives the customer screen: the case as it is filled in, then the 受理 rating', async ({ browser, host, services, central }, testInfo) => {
  test.setTimeout(90_000);
  await signInThroughApi(host, services, central, 'zhangsan');
  const clerk = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const customer = await browser.newPage();
  await clerk.goto(host.pageUrl('clerk'));
  await customer.goto(host.pageUrl('customer'));
  await expect(customer.getByText('01 号窗口 · 张三为您服务')).toBeVisible();
  await clerk.getByRole('button', { name: /新建办件/ }).first().click();
  const person = applicant('钱进', 321);
  await clerk.getByLabel('申请人姓名').fill(person.name);
  await clerk.getByLabel('申请人证件号码').fill(person.certNo);
  await clerk.getByLabel('搜索事项').fill('cxjmyl');
  await clerk.getByLabel('搜索事项').press('Enter');
  await clerk.keyboard.press('Alt+a');
  await clerk.getByLabel('联系地址').first().fill('浙江省杭州市示例区文一路 1 号');
  await expect(clerk.getByRole('button', { name: '受理（F8）' })).toBeEnabled();
  // What the applicant sees follows the clerk: name, the masked number, the item.
  await expect(customer.getByText('城乡居民养老保险参保登记')).toBeVisible();
  await expect(customer.getByText(maskIdNumber(person.certNo))).toBeVisible();
  expect(await customer.locator('body').innerText()).not.toContain(person.certNo);
  await clerk.evaluate(`window.print = () => undefined`);
  await clerk.keyboard.press('F8');
  await expect(clerk.getByText(/已受理\u3000受理号/)).toBeVisible();
  // 一次一评 after the 受理.
  await expect(customer.getByText('请对本次受理服务进行评价')).toBeVisible();
  await customer.screenshot({ path: testInfo.outputPath('customer-from-workspace.png') });
  await customer.getByRole('radio', { name: /非常满意/ }).first().click();
  await customer.getByRole('button', { name: '提交评价' }).click();
  await expect(customer.getByText('感谢您的评价！')).toBeVisible();
  const caseNo = services.cases.list({ limit: 1, offset: 0 }).rows[0]!.caseNo;
  const ops = pendingOps(services.db, 10);
  expect(ops.map((o) => o.type)).toEqual(['case.event', 'rating.submitted']);
  expect(JSON.parse(ops[1]!.payload)).toMatchObject({ caseNo, serviceStep: 'accept', grade: 5, clerk: 'zhangsan' });
});
