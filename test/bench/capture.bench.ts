import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildRenderer } from '../../electron/cli/build';
import { chromiumBinary, rendererOut } from '../../electron/cli/paths';
import { startBrowserHost } from '../../electron/host/server';
import { createAppServices } from '../../electron/services/app';
import { renderScene, sceneQuad, toY4m } from '../support/scene';
import { type BenchModule, percentile, round } from './harness';

/** An 8 MP 高拍仪 frame (3264 × 2448), the resolution the panel asks for. */
const W = 3264;
const H = 2448;
const SHOTS = 5;

function cameraFile(): string {
  const file = join(tmpdir(), `zhck-fake-doc-${W}x${H}-v2.y4m`);
  if (!existsSync(file)) writeFileSync(file, toY4m(W, H, renderScene(W, H, sceneQuad(W, H)), 1));
  return file;
}

/**
 * capture.a4.ms: machine time from the shot of one 8 MP frame to the stored attachment (detect,
 * perspective crop, JPEG within the page budget, upload, blob + row), in Chromium through the
 * real panel — the clerk's pause at the corner check left out. capture.a4.kb: bytes of that page.
 * Both compared, in the same run and page, with a plain JPEG encode of the uncropped frame.
 */
const bench: BenchModule = {
  prefix: 'capture',
  async run(emit) {
    await buildRenderer();
    const dir = mkdtempSync(join(tmpdir(), 'zhck-bench-capture-'));
    const services = createAppServices({ dataDir: dir, host: 'browser' });
    const host = await startBrowserHost({ services, staticDir: rendererOut });
    const exe = chromiumBinary();
    const browser = await chromium.launch({
      ...(exe ? { executablePath: exe } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${cameraFile()}`],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      const slot = { caseId: 'BENCH', materialId: 'A4' };
      await page.goto(`${host.url}/clerk/?capture-demo&case=${slot.caseId}&material=${slot.materialId}#token=${host.token}`);
      await page.getByRole('button', { name: '打开高拍仪' }).click();
      await page.getByTestId('live-outline').waitFor({ timeout: 120_000 });
      const ms: number[] = [];
      for (let i = 0; i < SHOTS; i++) {
        await page.getByRole('button', { name: /拍\s?照/ }).click();
        await page.getByTestId('corner-editor').waitFor({ timeout: 60_000 });
        await page.getByRole('button', { name: '保存此页' }).click();
        await page.getByTestId('page').nth(i).waitFor({ timeout: 60_000 });
        const [detect, store] = (await page.evaluate(`['capture:detect', 'capture:store'].map((n) => performance.getEntriesByName(n).at(-1).duration)`)) as [number, number];
        ms.push(detect + store);
        process.stderr.write(`capture shot ${i + 1}: detect ${Math.round(detect)} ms, crop+encode+store ${Math.round(store)} ms\n`);
      }
      const pages = services.attachments.listForMaterial(slot);
      const kb = pages.map((p) => p.bytes / 1024);
      // Baseline: the same frame, uncropped, through the browser's JPEG encoder at the same quality.
      const plain = (await page.evaluate(`(async () => {
        const v = document.querySelector('video');
        const out = [];
        for (let i = 0; i < ${SHOTS}; i++) {
          const t = performance.now();
          const b = await createImageBitmap(v);
          const c = new OffscreenCanvas(b.width, b.height);
          c.getContext('2d').drawImage(b, 0, 0);
          const blob = await c.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
          out.push([performance.now() - t, blob.size / 1024, b.width, b.height]);
        }
        return out;
      })()`)) as [number, number, number, number][];
      if (plain[0]![2] !== W) process.stderr.write(`note: camera delivered ${plain[0]![2]}×${plain[0]![3]}\n`);
      emit({ name: 'capture.a4.ms', value: round(percentile(ms, 50), 1), unit: 'ms', compare: { name: 'plainJpegEncode.8mp.ms', value: round(percentile(plain.map((p) => p[0]), 50), 1) } });
      emit({ name: 'capture.a4.kb', value: round(percentile(kb, 50), 1), unit: 'KiB', compare: { name: 'plainJpegEncode.8mp.kb', value: round(percentile(plain.map((p) => p[1]), 50), 1) } });
    } finally {
      await browser.close();
      await host.close();
      services.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
