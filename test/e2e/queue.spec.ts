import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rendererOut } from '../../electron/cli/paths';
import { type AppServices, createAppServices } from '../../electron/services/app';
import { test as base, expect } from './fixtures';

/** A client whose embedded hall queue service also serves the kiosk and display pages; a clerk is signed in. */
const test = base.extend<{ services: AppServices }>({
  services: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'zhck-e2e-queue-'));
    const services = createAppServices({ dataDir: dir, host: 'browser', rendererDir: rendererOut, sampleCatalogSize: 500 });
    services.settings.update({ windowNo: 3, clerkName: '王芳' });
    await use(services);
    services.close();
    rmSync(dir, { recursive: true, force: true });
  },
});

const hasLatin = /[A-Za-z]{4,}/;

test('kiosk issues a ticket → the clerk calls it with F1 → the display shows and announces it', async ({ browser, services, host }, testInfo) => {
  const info = await services.queue.hallInfo();
  const kiosk = await browser.newPage({ viewport: { width: 1280, height: 1024 } });
  await kiosk.addInitScript('window.__printed = 0; window.print = () => { window.__printed += 1; };');
  await kiosk.goto(info.kioskUrl);
  await expect(kiosk.getByRole('button', { name: /综合受理/ })).toBeVisible();
  expect(await kiosk.locator('body').innerText()).not.toMatch(hasLatin);
  await kiosk.screenshot({ path: testInfo.outputPath('kiosk.png') });
  await kiosk.getByRole('button', { name: '老年人' }).click();
  await kiosk.getByRole('button', { name: /综合受理/ }).click();
  const slip = kiosk.getByLabel('号票');
  await expect(slip.getByText('A001', { exact: true })).toBeVisible();
  await expect(slip.getByText('综合受理（老年人）')).toBeVisible();
  await expect(slip.getByText('您前面还有 0 人等候')).toBeVisible();
  await expect.poll(() => kiosk.evaluate('window.__printed')).toBe(1);
  await kiosk.screenshot({ path: testInfo.outputPath('kiosk-ticket.png') });
  await kiosk.emulateMedia({ media: 'print' });
  await kiosk.screenshot({ path: testInfo.outputPath('kiosk-ticket-print.png') });

  const display = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await display.goto(info.displayUrl);
  await expect(display.getByText('综合受理 等候')).toBeVisible();

  const clerk = await browser.newPage();
  await clerk.goto(host.pageUrl('clerk'));
  await expect(clerk.getByText('1 人')).toBeVisible();
  await clerk.keyboard.press('F1');
  const current = clerk.getByLabel('当前号');
  await expect(current.getByText('A001')).toBeVisible();
  await expect(current.getByText(/为什么是这一号：优先群体（老年人）/)).toBeVisible();
  expect(await clerk.locator('body').innerText()).not.toMatch(hasLatin);
  expect(await clerk.evaluate('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
  await clerk.screenshot({ path: testInfo.outputPath('clerk-called.png') });

  await expect(display.getByText('请 A001 号到 3 号窗口办理')).toBeVisible();
  await expect(display.locator('.display-window', { hasText: '3 号窗口' })).toContainText('A001');
  await display.screenshot({ path: testInfo.outputPath('display.png') });

  // A recall reaches the display again.
  await clerk.keyboard.press('F2');
  await expect(display.getByText('（重呼）')).toBeVisible();
  await expect(current.getByText('重呼 1 次')).toBeVisible();

  // Start, then finish from the panel; the display's recent list keeps the call.
  await clerk.keyboard.press('F4');
  await expect(current.getByText('办理中')).toBeVisible();
  await clerk.keyboard.press('F6');
  await expect(clerk.getByText('已办结')).toBeVisible();
  await expect(current).toHaveCount(0);
  expect(services.queue.embeddedHall().queue.stats().windows).toEqual([expect.objectContaining({ windowNo: 3, served: 1 })]);
});

test('a kiosk with a wrong hall key is told in Chinese; an empty queue says so to the clerk', async ({ browser, services, host }) => {
  const info = await services.queue.hallInfo();
  const kiosk = await browser.newPage();
  await kiosk.goto(`${info.url}/kiosk/#key=wrongkey`);
  await expect(kiosk.getByText('叫号服务的大厅密钥不正确。')).toBeVisible();
  const clerk = await browser.newPage();
  await clerk.goto(host.pageUrl('clerk'));
  await expect(clerk.getByText('0 人').first()).toBeVisible();
  await clerk.getByRole('button', { name: '叫下一位（F1）' }).click();
  await expect(clerk.getByText(/当前没有等候的群众。/)).toBeVisible();
  await clerk.getByRole('button', { name: '取号机与叫号屏' }).click();
  await expect(clerk.getByRole('link', { name: '打开取号机页面' })).toHaveAttribute('href', info.kioskUrl);
});

test('an appointment checked in at the kiosk reaches the clerk with the applicant', async ({ browser, services, host }, testInfo) => {
  const info = await services.queue.hallInfo();
  const now = Date.now();
  services.queue.embeddedHall().queue.addAppointment({
    code: 'YY20260001',
    name: '张三',
    idNo: '110101199003071234',
    phone: '13800000000',
    itemCode: 'X01',
    itemName: '个体工商户设立登记',
    slotStart: now - 5 * 60_000,
    slotEnd: now + 25 * 60_000,
    categoryId: 'business',
  });
  const kiosk = await browser.newPage({ viewport: { width: 1280, height: 1024 } });
  await kiosk.addInitScript('window.print = () => {};');
  await kiosk.goto(info.kioskUrl);
  await kiosk.getByRole('button', { name: '预约签到' }).click();
  await kiosk.getByLabel('预约码或身份证号').fill('yy20260001');
  await kiosk.screenshot({ path: testInfo.outputPath('kiosk-checkin.png') });
  await kiosk.getByRole('button', { name: '签到取号' }).click();
  await expect(kiosk.getByLabel('号票').getByText('企业开办（预约）')).toBeVisible();
  await kiosk.getByRole('button', { name: '返回' }).click();
  await kiosk.getByRole('button', { name: '预约签到' }).click();
  await kiosk.getByLabel('预约码或身份证号').fill('YY20260001');
  await kiosk.getByRole('button', { name: '签到取号' }).click();
  await expect(kiosk.getByText('这个预约已经签到取号了。')).toBeVisible();

  services.settings.update({ queue: { categories: ['general', 'business'] } });
  const clerk = await browser.newPage();
  await clerk.goto(host.pageUrl('clerk'));
  await clerk.getByRole('button', { name: '叫下一位（F1）' }).click();
  const current = clerk.getByLabel('当前号');
  await expect(current.getByText('B001')).toBeVisible();
  await expect(current.getByText('张三 · 个体工商户设立登记')).toBeVisible();
  await expect(current.getByText('为什么是这一号：预约号，已在预约时段内签到')).toBeVisible();
  await clerk.screenshot({ path: testInfo.outputPath('clerk-appointment.png') });
});
