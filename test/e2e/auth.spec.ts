import { expect, signInThroughApi, test } from './fixtures';

test.use({ signInAs: null });

const api = async (host: { url: string; token: string }, method: string, input: unknown) => {
  const res = await fetch(`${host.url}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify(input),
  });
  return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
};

test('a 窗口人员 signs in against the platform, sees no settings, and the service refuses settings too', async ({ page, host, services, central }, testInfo) => {
  services.settings.update({ centralUrl: central.url });
  await page.goto(host.pageUrl('clerk'));
  await expect(page.getByText('请用政务服务平台分配的本人账号登录。')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('sign-in.png') });
  await page.getByLabel('账号').fill('zhangsan');
  await page.getByLabel('密码').fill('Hall-2026');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('button', { name: '当前人员' })).toHaveText(/张三 · 窗口人员/);
  await expect(page.getByText('受理人：张三')).toBeVisible();
  await expect(page.getByRole('button', { name: '设置' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '差评回访' })).toHaveCount(0);
  expect(await api(host, 'settings.update', { windowNo: 7 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '“窗口人员”没有这项权限。' } });
  expect(services.settings.get().windowNo).toBe(1);
  expect(central.calls.map((c) => c.login)).toEqual(['zhangsan']);
});

test('five wrong passwords lock the account; the message says when to retry', async ({ page, host, services, central }) => {
  services.settings.update({ centralUrl: central.url });
  await page.goto(host.pageUrl('clerk'));
  await page.getByLabel('账号').fill('zhangsan');
  for (let i = 1; i <= 5; i++) {
    await page.getByLabel('密码').fill(`wrong-${i}`);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByText('账号或密码不正确。')).toBeVisible();
  }
  await page.getByLabel('密码').fill('Hall-2026');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByText(/密码错误次数过多，这个账号在本机已临时锁定，\d\d:\d\d 后可再试。/)).toBeVisible();
  const actions = services.db.prepare("SELECT action FROM audit_log WHERE actor = 'zhangsan' ORDER BY id").all() as { action: string }[];
  expect(actions.filter((a) => a.action === 'auth.failed')).toHaveLength(5);
  expect(actions.map((a) => a.action)).toContain('auth.lockout');
});

test('offline sign-in works within the allowed days and past them is refused with the reason', async ({ page, host, services, central }, testInfo) => {
  await signInThroughApi(host, services, central, 'zhangsan');
  await api(host, 'auth.signOut', {});
  // The platform is unreachable: nothing listens on port 9.
  services.settings.update({ centralUrl: 'http://127.0.0.1:9' });
  await page.goto(host.pageUrl('clerk'));
  await page.getByLabel('账号').fill('zhangsan');
  await page.getByLabel('密码').fill('Hall-2026');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('button', { name: '当前人员' })).toHaveText(/张三 · 窗口人员（离线）/);
  await page.getByRole('button', { name: '当前人员' }).click();
  await page.getByText('退出登录').click();
  // Eight days since the platform last confirmed this account.
  services.db.prepare("UPDATE auth_accounts SET last_online_at = ? WHERE login = 'zhangsan'").run(new Date(Date.now() - 8 * 86_400_000).toISOString());
  await page.getByLabel('账号').fill('zhangsan');
  await page.getByLabel('密码').fill('Hall-2026');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByText(/离线登录期限已过：本机允许离线登录 7 天/)).toBeVisible();
  await expect(page.getByText(/请恢复与政务服务平台的网络连接后再登录/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('offline-expired.png') });
  // A clerk never seen on this machine cannot start offline.
  await page.getByLabel('账号').fill('lisi');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByText('连接不上政务服务平台，而这个账号从未在本机联网登录过。')).toBeVisible();
});

test('idle lock keeps the unsaved form; unlock with the PIN', async ({ page, host, services, central }, testInfo) => {
  await signInThroughApi(host, services, central, 'admin');
  await page.clock.install();
  await page.goto(host.pageUrl('clerk'));
  await page.getByRole('button', { name: '当前人员' }).click();
  await page.getByText('设置解锁 PIN').click();
  await page.getByLabel(/PIN（4–6 位数字/).fill('2468');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('解锁 PIN 已设置')).toBeVisible();
  await page.getByRole('button', { name: '设置' }).click();
  await page.getByLabel('受理人员').fill('草稿里的名字');
  await page.clock.fastForward('05:01');
  await expect(page.getByRole('dialog', { name: '屏幕已锁定' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('lock.png') });
  // The service holds the lock: a reload does not skip it, and calls are refused meanwhile.
  expect(await api(host, 'customer.show', { kind: 'idle' })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  await page.getByLabel('解锁 PIN').fill('1111');
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByText('PIN 不正确。')).toBeVisible();
  await page.getByLabel('解锁 PIN').fill('2468');
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByRole('dialog', { name: '屏幕已锁定' })).toHaveCount(0);
  await expect(page.getByLabel('受理人员')).toHaveValue('草稿里的名字');
});
