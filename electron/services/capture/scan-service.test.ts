import { afterAll, describe, expect, it } from 'vitest';
import { makePageJpeg } from '../../../test/support/pages';
import { makeTempDir } from '../../../test/support/tmp';
import { createAppServices } from '../app';
import { EsclSimulator } from '../devices/capture/escl-simulator';

const tmp = makeTempDir();
afterAll(tmp.cleanup);

describe('capture.scan through the contract', () => {
  it('stores each ADF page as it arrives, reports progress, keeps the pages before a jam', async () => {
    const app = createAppServices({ dataDir: tmp.dir, host: 'browser' });
    const sim = new EsclSimulator({ pages: [1, 2, 3].map((n) => makePageJpeg(200, 283, n)) });
    const base = await sim.start();
    const progress: unknown[] = [];
    app.events.subscribe((name, p) => name === 'capture.progress' && progress.push(p));
    try {
      const slot = { caseId: 'C-9', materialId: 'M-1' };
      const ok = await app.dispatch('capture.scan', { ...slot, kind: 'escl', address: base, source: 'feeder' }, { via: 'internal' });
      expect(ok.ok).toBe(true);
      expect((ok as { value: unknown[] }).value).toHaveLength(3);
      expect(progress.at(-1)).toEqual({ ...slot, pages: 3, state: 'done' });

      sim.adfState = 'ScannerAdfLoaded';
      sim.jamAfter = 1;
      const jam = await app.dispatch('capture.scan', { ...slot, kind: 'escl', address: base, source: 'feeder' }, { via: 'internal' });
      expect(jam).toMatchObject({ ok: false, error: { code: 'DEVICE', message: '扫描仪卡纸了。已保存 1 页。' } });
      expect(progress.at(-1)).toMatchObject({ pages: 1, state: 'failed' });
      const list = await app.dispatch('attachments.list', slot, { via: 'internal' });
      expect((list as { value: { pageNo: number }[] }).value.map((a) => a.pageNo)).toEqual([1, 2, 3, 4]);
      const pdf = await app.dispatch('attachments.pdf', slot, { via: 'internal' });
      expect(pdf).toMatchObject({ ok: true, value: { pages: 4 } });

      sim.adfState = 'ScannerAdfEmpty';
      const empty = await app.dispatch('capture.scan', { ...slot, kind: 'escl', address: base, source: 'feeder' }, { via: 'internal' });
      expect(empty).toMatchObject({ ok: false, error: { message: '进纸器里没有纸。' } });
    } finally {
      await sim.close();
      app.close();
    }
  });
});
