import { expect, test } from './fixtures';

const hasLatin = /[A-Za-z]{4,}/;

test('clerk frame shows hall, window, clerk and device chips in Chinese at 1366×768', async ({ page, host }, testInfo) => {
  await page.goto(host.pageUrl('clerk'));
  await expect(page.getByText('示例区政务服务中心')).toBeVisible();
  await expect(page.getByText('01 号综合窗口')).toBeVisible();
  await expect(page.getByText('身份证读卡器 · 模拟设备')).toBeVisible();
  await expect(page.getByText('排队叫号')).toBeVisible();
  // The token left the address bar once read.
  expect(page.url()).not.toContain('token=');
  // Nothing overflows horizontally at the window PC's resolution.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const visibleText = await page.locator('body').innerText();
  expect(visibleText).not.toMatch(hasLatin);
  await page.screenshot({ path: testInfo.outputPath('clerk-frame.png') });
});

test('settings round-trip through the contract and survive a reload', async ({ page, host, services }, testInfo) => {
  await page.goto(host.pageUrl('clerk'));
  await page.getByRole('button', { name: '设置' }).click();
  await expect(page.getByText('本窗口设置')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('settings.png') });
  await page.getByLabel('窗口号').fill('12');
  await page.getByLabel('受理人员').fill('王小明');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('设置已保存')).toBeVisible();
  await expect(page.getByText('12 号综合窗口')).toBeVisible();
  // The top bar names the signed-in person (the fixture's 管理员), not the settings field.
  await expect(page.getByText('受理人：系统管理员')).toBeVisible();
  expect(services.settings.get()).toMatchObject({ windowNo: 12, clerkName: '王小明' });
  await page.reload();
  await expect(page.getByText('12 号综合窗口')).toBeVisible();
});

test('a settings value the service refuses shows its Chinese message on the field', async ({ page, host }) => {
  await page.goto(host.pageUrl('clerk'));
  await page.getByRole('button', { name: '设置' }).click();
  await page.getByLabel('政务服务平台地址').fill('ftp://platform');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('请填写 http:// 或 https:// 开头的地址').first()).toBeVisible();
});

test('a page without the launch token cannot call the services and says so in Chinese', async ({ page, host }) => {
  await page.goto(`${host.url}/clerk/`);
  await expect(page.getByText('本机服务的访问凭据无效。')).toBeVisible();
});

test('the other pages open as frames', async ({ page, host }) => {
  for (const [name, title] of [['customer', '欢迎办理业务'], ['kiosk', '自助取号'], ['display', '叫号屏']] as const) {
    await page.goto(host.pageUrl(name));
    await expect(page.getByText(title, { exact: true })).toBeVisible();
  }
});
