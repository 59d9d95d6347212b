import { EsclSimulator } from '../../electron/services/devices/capture/escl-simulator';
import { makePageJpeg } from '../support/pages';
import { expect, test } from './fixtures';

const hasLatin = /[A-Za-z]{4,}/;

const demoUrl = (host: { url: string; token: string }, caseId: string, material: string) =>
  `${host.url}/clerk/?capture-demo&case=${encodeURIComponent(caseId)}&material=${encodeURIComponent(material)}#token=${host.token}`;

test.describe('scanner and camera problems', () => {
  test('no camera: a Chinese message says what to do', async ({ page, host }, testInfo) => {
    await page.goto(demoUrl(host, 'E2E-CASE-2', '身份证'));
    await page.getByRole('button', { name: '打开高拍仪' }).click();
    await expect(page.getByText(/没有找到高拍仪|高拍仪无法打开|没有使用高拍仪的权限/)).toBeVisible();
    await expect(page.getByRole('button', { name: '重新连接' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('capture-no-camera.png') });
  });

  test('an eSCL feeder scan shows its pages; a jam reads in Chinese', async ({ page, host, services }, testInfo) => {
    const sim = new EsclSimulator({ pages: [1, 2, 3].map((n) => makePageJpeg(620, 877, n)), busyBeforeEachPage: 1 });
    const base = await sim.start();
    try {
      services.settings.update({ devices: { scanner: { kind: 'escl', address: base, naps2Path: '' } } });
      await page.goto(demoUrl(host, 'E2E-CASE-3', '申请表'));
      await page.getByRole('tab', { name: '扫描仪' }).click();
      await expect(page.getByText('网络：综合窗口模拟网络扫描仪')).toBeVisible();
      await page.getByRole('button', { name: '扫 描' }).or(page.getByRole('button', { name: '扫描', exact: true })).click();
      await expect(page.getByTestId('page')).toHaveCount(3, { timeout: 30_000 });
      sim.adfState = 'ScannerAdfLoaded';
      sim.jamAfter = 0;
      await page.getByRole('button', { name: '扫 描' }).or(page.getByRole('button', { name: '扫描', exact: true })).click();
      await expect(page.getByText('扫描仪卡纸了。')).toBeVisible();
      await expect(page.getByText(/取出卡住的纸张/)).toBeVisible();
      expect(await page.locator('body').innerText()).not.toMatch(hasLatin);
      await page.screenshot({ path: testInfo.outputPath('capture-scan-jam.png') });
    } finally {
      await sim.close();
    }
  });

  test('a keyboard-wedge scan is told apart from typing', async ({ page, host }) => {
    await page.goto(demoUrl(host, 'E2E-CASE-4', '申请表'));
    const last = page.getByTestId('last-barcode');
    await expect(last).toHaveText('最近扫码：无');
    // A person typing: 150 ms between keys.
    await page.keyboard.type('20261123', { delay: 150 });
    await page.keyboard.press('Enter');
    await expect(last).toHaveText('最近扫码：无');
    // A scan gun: the whole code and Enter at once. Dispatched inside the page, because key
    // presses sent one by one from the test process can be slowed past the gap on a busy machine.
    await page.evaluate(`for (const key of [...'YY2026112300017', 'Enter']) window.dispatchEvent(new KeyboardEvent('keydown', { key }))`);
    await expect(last).toHaveText('最近扫码：预约码YY2026112300017');
  });
});
