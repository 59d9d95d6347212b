import type { Page } from '@playwright/test';
import { sampleGuides } from '../../electron/services/catalog/sample-catalog';
import { pendingOps } from '../../electron/services/outbox/outbox';
import { applicant, idNumber } from '../support/people';
import { expect, test } from './fixtures';

const hasLatin = /[A-Za-z]{4,}/;

async function openClerk(page: Page, url: string) {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(url);
  await expect(page.getByRole('button', { name: '新建办件（F9）' })).toBeVisible();
}

test('a 即办件 from an ID-card read to 受理 with the keyboard: one outbox op', async ({ page, host, services }, info) => {
  test.setTimeout(90_000);
  await openClerk(page, host.pageUrl('clerk'));
  await expect(page.getByTestId('idcard-state').first()).toHaveText('就绪', { timeout: 30_000 });
  await page.keyboard.press('F9');
  await expect(page.getByText('新办件（草稿）')).toBeVisible();
  // Ctrl+/ lists every key.
  await page.keyboard.press('Control+/');
  const help = page.getByRole('dialog', { name: '快捷键' });
  await expect(help.getByText('必要材料全部标为“纸质”已收')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await services.idcard.place('resident');
  await expect(page.getByLabel('申请人姓名').first()).toHaveValue('张伟', { timeout: 15_000 });
  await expect(page.getByLabel('申请人证件号码')).toHaveValue('11010519491231002X');
  await page.getByLabel('搜索事项').focus();
  await page.keyboard.type('cxjmyl');
  await expect(page.locator('.item-hit.active')).toContainText('城乡居民养老保险参保登记');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '申请材料' })).toBeVisible();
  await page.keyboard.press('Alt+a');
  await expect(page.getByRole('button', { name: '受理（F8）' })).toBeEnabled();
  await page.screenshot({ path: info.outputPath('workspace-before-accept.png') });
  await page.evaluate(`window.__printed = 0; window.print = () => { window.__printed++; }`);
  await page.keyboard.press('F8');
  await expect(page.getByText(/已受理\u3000受理号 \d{20}/)).toBeVisible();
  // The preview opens by itself with 打印 focused: Enter prints the 受理通知书, and the print is logged.
  const preview = page.getByRole('dialog', { name: '打印预览' });
  await expect(preview.getByText('受理通知书').first()).toBeVisible();
  await page.screenshot({ path: info.outputPath('workspace-accepted-preview.png') });
  await page.keyboard.press('Enter');
  await expect(preview).toBeHidden();
  expect(await page.evaluate('window.__printed')).toBe(1);
  await expect.poll(() => (services.db.prepare('SELECT count(*) AS n FROM document_prints').get() as { n: number }).n).toBeGreaterThan(0);
  await expect(page.getByRole('button', { name: '再次打印（F10）' })).toBeVisible();
  await page.screenshot({ path: info.outputPath('workspace-accepted.png') });
  const ops = pendingOps(services.db, 10);
  expect(ops).toHaveLength(1);
  const payload = JSON.parse(ops[0]!.payload) as { caseNo: string; action: string; applicant: { certNo: string } };
  expect(payload.action).toBe('accept');
  expect(payload.applicant.certNo).toBe('11010519491231002X');
  await expect(page.getByText(payload.caseNo).first()).toBeVisible();
  expect(hasLatin.test((await page.locator('main').innerText()).replace(/[A-Za-z]*\d[\dA-Za-z]*/g, ''))).toBe(false);
});

test('一次性告知 for 新生儿出生一件事 with the 结婚证 missing lists exactly that material', async ({ page, host, services }) => {
  await openClerk(page, host.pageUrl('clerk'));
  await page.keyboard.press('F9');
  const a = applicant('李娜', 456);
  await page.getByLabel('申请人姓名').fill(a.name);
  await page.getByLabel('申请人证件号码').fill(a.certNo);
  await page.getByLabel('搜索事项').fill('新生儿');
  await page.getByLabel('搜索事项').press('Enter');
  await expect(page.getByText('一件事：新生儿出生一件事')).toBeVisible();
  await expect(page.locator('.ant-table-row')).toHaveCount(await page.locator('.ant-table-row').count());
  await page.keyboard.press('Alt+a');
  const marriage = page.getByLabel('结婚证收取情况');
  await marriage.click();
  await page.locator('.ant-select-dropdown:visible').getByTitle('未交').click();
  await expect(page.getByRole('button', { name: '受理（F8）' })).toBeDisabled();
  await page.getByRole('button', { name: '一次性告知' }).click();
  await expect(page.getByText(/补正中\u3000受理号/)).toBeVisible();
  const list = services.cases.list({ limit: 5, offset: 0 });
  const detail = services.cases.get(list.rows[0]!.id);
  const notice = detail.documents.find((d) => d.docType === 'correction')!;
  expect(notice.content.owed).toEqual([{ name: '结婚证', problem: '未提交', copies: 1 }]);
});

test('不予受理 refuses an empty reason; a wrong ID number blocks 受理 with a Chinese message', async ({ page, host, services }) => {
  await openClerk(page, host.pageUrl('clerk'));
  await page.keyboard.press('F9');
  await page.getByLabel('申请人姓名').fill('周杰');
  const wrong = idNumber('19900101', 5).slice(0, 17) + (idNumber('19900101', 5).endsWith('1') ? '2' : '1');
  await page.getByLabel('申请人证件号码').fill(wrong);
  await expect(page.getByText('校验码')).toBeVisible();
  await page.getByLabel('搜索事项').fill('gtgsh');
  await page.getByLabel('搜索事项').press('Enter');
  await page.keyboard.press('Alt+a');
  await expect(page.getByRole('button', { name: '受理（F8）' })).toBeDisabled();
  await page.getByLabel('申请人证件号码').fill(idNumber('19900101', 5));
  await page.getByRole('button', { name: '不予受理' }).click();
  const refuseDialog = page.getByRole('dialog', { name: '不予受理' });
  await expect(refuseDialog.getByLabel('不予受理理由')).toBeVisible();
  // A click during the dialog's opening animation can miss on a loaded machine: click until the
  // message shows (an empty reason must never refuse, however often it is sent).
  await expect(async () => {
    await refuseDialog.getByRole('button', { name: '确定不予受理并出具决定书' }).click();
    await expect(page.getByText('请写明不予受理的理由（至少 4 个字）')).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  expect(services.cases.list({ limit: 5, offset: 0 }).rows.every((r) => r.status !== 'refused')).toBe(true);
  await page.getByLabel('不予受理理由').fill('经营范围属于依法不需登记的事项');
  await page.getByRole('button', { name: '确定不予受理并出具决定书' }).click();
  await expect(page.getByText(/不予受理\u3000受理号/)).toBeVisible();
});

test('a reload in the middle of a case restores the draft', async ({ page, host }) => {
  await openClerk(page, host.pageUrl('clerk'));
  await page.keyboard.press('F9');
  await page.getByLabel('申请人姓名').fill('吴敏');
  await page.getByLabel('申请人证件号码').fill(idNumber('19880808', 9));
  await page.getByLabel('搜索事项').fill('bdcdyq');
  await page.getByLabel('搜索事项').press('Enter');
  await expect(page.getByText('主债权合同')).toBeVisible();
  await page.getByLabel('抵押权人（银行）').fill('示例银行');
  await expect(page.getByText('已自动保存')).toBeVisible({ timeout: 5_000 });
  await page.waitForTimeout(700);
  await page.reload();
  await expect(page.getByLabel('申请人姓名').first()).toHaveValue('吴敏', { timeout: 15_000 });
  await expect(page.getByLabel('抵押权人（银行）')).toHaveValue('示例银行');
  await expect(page.getByText('不动产抵押权首次登记').first()).toBeVisible();
});

test('出件 by an agent requires the 委托书', async ({ page, host, services }, info) => {
  const d = services.cases.saveDraft({ applicant: applicant('郑华', 88), itemIds: [sampleGuides.gtgsh.id] });
  services.cases.saveDraft({ caseId: d.id, materials: d.materials.filter((m) => m.necessity === 'required').map((m) => ({ key: m.key, state: 'paper' as const })) });
  const { case: c } = services.cases.accept(d.id);
  services.db.prepare("UPDATE outbox SET state = 'acked', acked_at = 'x'").run();
  services.cases.applyPlatformStatus({ caseNo: c.caseNo!, statusCode: 11, at: new Date().toISOString() });
  await openClerk(page, host.pageUrl('clerk'));
  await page.getByRole('tab', { name: '办件查询 / 出件' }).click();
  await page.getByText('待出件', { exact: true }).first().click();
  await page.getByText(c.caseNo!).click();
  await expect(page.getByText('办理过程')).toBeVisible();
  await page.getByText('代领', { exact: true }).click();
  await page.getByLabel('领取人姓名').fill('赵六');
  await page.getByLabel('领取人身份证号').fill(idNumber('19850505', 777));
  const confirm = page.getByRole('button', { name: '确认出件' });
  await expect(confirm).toBeDisabled();
  await page.getByText('已核验申请人签署的委托书原件').click();
  await expect(confirm).toBeEnabled();
  await page.screenshot({ path: info.outputPath('deliver.png') });
  await page.evaluate(`window.print = () => undefined`);
  await confirm.click();
  await expect(page.getByText(`已出件：${c.caseNo}`)).toBeVisible();
  expect(services.cases.get(c.id).status).toBe('delivered');
  // The handover record (领取登记) is printed from the preview and logged.
  const preview = page.getByRole('dialog', { name: '打印预览' });
  await expect(preview.getByText('领取登记').first()).toBeVisible();
  await preview.getByRole('button', { name: /打\s*印/ }).click();
  await expect(preview).toBeHidden();
  await expect.poll(() => (services.db.prepare('SELECT count(*) AS n FROM document_prints').get() as { n: number }).n).toBe(1);
  await expect(page.getByText(/领取.*已打印 1 次/)).toBeVisible();
});

test('容缺受理 with a deadline: the owed material, the commitment, two documents', async ({ page, host, services }, info) => {
  test.setTimeout(90_000);
  await openClerk(page, host.pageUrl('clerk'));
  await page.keyboard.press('F9');
  const person = applicant('冯雪', 246);
  await page.getByLabel('申请人姓名').fill(person.name);
  await page.getByLabel('申请人证件号码').fill(person.certNo);
  await page.getByLabel('搜索事项').fill('bdcdyq');
  await page.getByLabel('搜索事项').press('Enter');
  await expect(page.getByText('主债权合同').first()).toBeVisible();
  await page.keyboard.press('Alt+a');
  await page.getByLabel('联系地址').first().fill('浙江省杭州市示例区文三路 8 号');
  await page.getByLabel('抵押权人（银行）').fill('示例银行');
  await page.getByLabel('不动产权证号').fill('浙(2026)示例区不动产权第0001234号');
  await page.getByLabel('被担保主债权数额（万元）').fill('120');
  await page.getByLabel('抵押方式').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle('一般抵押').click();
  await page.getByLabel('主债权合同收取情况').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle('容缺').click();
  await expect(page.getByRole('button', { name: '受理（F8）' })).toBeDisabled();
  await page.getByRole('button', { name: '容缺受理' }).click();
  const dialog = page.getByRole('dialog', { name: /容缺受理/ });
  await expect(dialog.getByText('「主债权合同」')).toBeVisible();
  await dialog.getByLabel('补交期限').click();
  // The first day the picker allows (the browser keeps the hall's time zone, not the test's).
  await expect(page.locator('.ant-picker-dropdown:visible td.ant-picker-cell-today')).toBeVisible();
  const cell = page.locator('.ant-picker-dropdown:visible td.ant-picker-cell-in-view:not(.ant-picker-cell-disabled)').first();
  if ((await cell.count()) === 0) await page.locator('.ant-picker-dropdown:visible .ant-picker-header-next-btn').click(); // the last day of a month
  const day = (await cell.getAttribute('title'))!;
  await cell.click();
  await expect(dialog.getByLabel('补交期限')).toHaveValue(day);
  const confirm = dialog.getByRole('button', { name: '确认容缺受理' });
  await expect(confirm).toBeDisabled(); // the commitment is not signed yet
  await dialog.getByLabel('申请人已签署容缺受理承诺书').check();
  await page.evaluate(`window.print = () => undefined`);
  await confirm.click();
  await expect(page.getByText(/已受理\u3000受理号/)).toBeVisible();
  const preview = page.getByRole('dialog', { name: '打印预览' });
  await expect(preview.getByText('容缺受理通知书').first()).toBeVisible();
  await page.screenshot({ path: info.outputPath('workspace-rongque-preview.png') });
  const c = services.cases.get(services.cases.list({ limit: 1, offset: 0 }).rows[0]!.id);
  expect(c.documents.map((d) => d.docType).sort()).toEqual(['rongque', 'rongqueCommitment']);
  expect(c.materials.find((m) => m.name === '主债权合同')!.state).toBe('rongque');
  expect(c.events.at(-1)!.note + JSON.stringify(c.documents[0]!.content)).toContain(day);
});
