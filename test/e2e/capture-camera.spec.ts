import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { chromiumBinary } from '../../electron/cli/paths';
import { renderScene, sceneQuad, toY4m } from '../support/scene';
import { expect, test } from './fixtures';

const W = 1600;
const H = 1200;
const A4 = 297 / 210;
const hasLatin = /[A-Za-z]{4,}/;
const baseArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const executablePath = chromiumBinary() ?? undefined;

/** The fake 高拍仪's video: an A4 page photographed at an angle on a desk, made here, not shipped. */
function fakeCameraFile(): string {
  const file = join(tmpdir(), `zhck-fake-doc-${W}x${H}-v2.y4m`);
  if (!existsSync(file)) writeFileSync(file, toY4m(W, H, renderScene(W, H, sceneQuad(W, H)), 2));
  return file;
}

const demoUrl = (host: { url: string; token: string }, caseId: string, material: string) =>
  `${host.url}/clerk/?capture-demo&case=${encodeURIComponent(caseId)}&material=${encodeURIComponent(material)}#token=${host.token}`;

// Its own browser: the fake-camera switches must not reach the other specs.
test.use({
  launchOptions: {
    ...(executablePath ? { executablePath } : {}),
    args: [...baseArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${fakeCameraFile()}`],
  },
});

  test('an angled page becomes a cropped A4 attachment; rotate, delete, restore, PDF', async ({ page, host, services }, testInfo) => {
    test.setTimeout(120_000);
    const slot = { caseId: 'E2E-CASE-1', materialId: '营业执照复印件' };
    await page.goto(demoUrl(host, slot.caseId, slot.materialId));
    await page.getByRole('button', { name: '打开高拍仪' }).click();
    await expect(page.getByTestId('camera-video')).toBeVisible();
    // The live outline appears once the Worker has loaded OpenCV.js and found the page.
    await expect(page.getByTestId('live-outline')).toBeVisible({ timeout: 60_000 });
    await page.screenshot({ path: testInfo.outputPath('capture-live.png') });

    await page.getByRole('button', { name: '拍 照' }).or(page.getByRole('button', { name: '拍照' })).click();
    const editor = page.getByTestId('corner-editor');
    await expect(editor).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('已自动找到材料边缘')).toBeVisible();
    const found = JSON.parse((await editor.getAttribute('data-quad'))!) as [number, number][];
    const truth = sceneQuad(W, H);
    found.forEach(([x, y], i) => expect(Math.hypot(x - truth[i]!.x, y - truth[i]!.y)).toBeLessThan(W * 0.02));
    await page.screenshot({ path: testInfo.outputPath('capture-corners.png') });
    await page.getByRole('button', { name: '保存此页' }).click();
    await expect(page.getByTestId('page')).toHaveCount(1, { timeout: 30_000 });

    const [first] = services.attachments.listForMaterial(slot);
    expect(first).toMatchObject({ source: 'camera', mime: 'image/jpeg' });
    expect(first!.height / first!.width).toBeCloseTo(A4, 1);
    expect(Math.abs(first!.height / first!.width - A4) / A4).toBeLessThan(0.02);
    expect(first!.bytes).toBeLessThanOrEqual(400 * 1024);
    const img = jpeg.decode(services.attachments.readBlob(first!.sha256), { useTArray: true });
    const px = (u: number, v: number) => {
      const i = (Math.round(v * (img.height - 1)) * img.width + Math.round(u * (img.width - 1))) * 4;
      return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!] as const;
    };
    // Paper at every corner (no desk left in), and the seal's red ring where it was printed.
    for (const [u, v] of [[0.03, 0.03], [0.97, 0.03], [0.97, 0.97], [0.03, 0.97]] as const) expect(Math.min(...px(u, v))).toBeGreaterThan(180);
    const seal = px(0.72 + 0.092, 0.8);
    expect(seal[0] - seal[2]).toBeGreaterThan(60);

    // Second page, turned a quarter: stored landscape.
    await page.getByRole('button', { name: '拍照' }).or(page.getByRole('button', { name: '拍 照' })).click();
    await expect(editor).toBeVisible({ timeout: 30_000 });
    // Manual corner adjustment: drag the top-left handle 40 screen pixels right and down.
    const before = JSON.parse((await editor.getAttribute('data-quad'))!) as [number, number][];
    const handle = (await page.locator('circle[aria-label="左上角"]').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2 + 20, handle.y + handle.height / 2 + 20, { steps: 4 });
    await page.mouse.move(handle.x + handle.width / 2 + 40, handle.y + handle.height / 2 + 40, { steps: 4 });
    await page.mouse.up();
    const after = JSON.parse((await editor.getAttribute('data-quad'))!) as [number, number][];
    expect(after[0]![0]).toBeGreaterThan(before[0]![0] + 40);
    expect(after[0]![1]).toBeGreaterThan(before[0]![1] + 40);
    expect(after.slice(1)).toEqual(before.slice(1));
    await page.getByRole('button', { name: '向右旋转' }).click();
    await expect(page.getByText('保存时旋转 90°')).toBeVisible();
    await page.getByRole('button', { name: '保存此页' }).click();
    await expect(page.getByTestId('page')).toHaveCount(2, { timeout: 30_000 });
    const second = services.attachments.listForMaterial(slot)[1]!;
    expect(second.width).toBeGreaterThan(second.height);

    // Delete inside the draft, then restore: it comes back as the last page.
    await page.getByTestId('page').first().getByRole('button', { name: '删除' }).click();
    await expect(page.getByTestId('page')).toHaveCount(1);
    await page.getByRole('button', { name: /恢复（原第 1 页）/ }).click();
    await expect(page.getByTestId('page')).toHaveCount(2);
    expect(services.attachments.listForMaterial(slot).map((a) => a.id)).toEqual([second.id, first!.id]);

    await page.getByRole('button', { name: '生成 PDF' }).click();
    await expect(page.getByText(/已生成 PDF，共 2 页/)).toBeVisible();
    const pdf = await services.attachments.pdf(slot);
    expect(execFileSync('pdfinfo', [pdf.path], { encoding: 'utf8' })).toMatch(/Pages:\s+2/);
    expect(await page.locator('body').innerText()).not.toMatch(hasLatin);
    const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: testInfo.outputPath('capture-pages.png') });
  });
