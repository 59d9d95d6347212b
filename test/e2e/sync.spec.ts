import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startPlatform } from '../central/server';
import { acceptCase } from '../support/sync';
import { expect, test } from './fixtures';

test('connectivity badge: 在线 → 离线 · 待同步 N; 同步问题 lists the platform reason', async ({ page, host, services }, testInfo) => {
  test.setTimeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), 'zhck-central-'));
  const platform = await startPlatform({ dataDir: dir });
  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(host.pageUrl('clerk'));
    const badge = page.getByRole('button', { name: '平台同步' });
    await expect(badge).toContainText('平台：未配置（本机保存）');
    acceptCase(services.db, 1, { itemId: 'NOT-IN-CATALOGUE' });
    await services.dispatch('settings.update', { centralUrl: platform.url }, { via: 'internal' });
    await expect(badge).toContainText('在线', { timeout: 20_000 });
    await expect(badge).toContainText('同步问题 1', { timeout: 20_000 });
    await platform.close();
    acceptCase(services.db, 2);
    acceptCase(services.db, 3);
    services.sync.kick();
    await expect(badge).toContainText('离线 · 待同步 2', { timeout: 20_000 });
    await page.screenshot({ path: testInfo.outputPath('sync-offline-topbar.png') });
    await badge.click();
    const drawer = page.getByRole('dialog', { name: '平台同步' });
    await expect(drawer).toContainText('不在平台目录中');
    await expect(drawer).toContainText('110101********1234');
    await expect(drawer).not.toContainText('110101199003071234');
    await page.screenshot({ path: testInfo.outputPath('sync-problems.png') });
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/\b(undefined|null|Error)\b/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
