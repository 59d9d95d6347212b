import { chromium } from 'playwright-core';
import { buildRenderer } from '../../electron/cli/build';
import { chromiumBinary, rendererOut } from '../../electron/cli/paths';
import { startBrowserHost } from '../../electron/host/server';
import { createAppServices } from '../../electron/services/app';
import { startCentralAuth } from '../support/central-auth';
import { makeTempDir } from '../support/tmp';
import { type BenchModule, percentile, round } from './harness';

/**
 * The clerk's cost of a standard case, counted as a Playwright script performs it (every key press
 * and click is counted by the helpers below), and the keystroke-to-list time of the item search
 * over the full 15,000-item catalogue.
 */
const bench: BenchModule = {
  prefix: 'workspace',
  async run(emit) {
    await buildRenderer();
    const tmp = makeTempDir('zhck-bench-ws-');
    const services = createAppServices({ dataDir: tmp.dir, host: 'browser' });
    const host = await startBrowserHost({ services, staticDir: rendererOut });
    // The clerk signs in once a day; that is not part of a case.
    const central = await startCentralAuth();
    services.settings.update({ centralUrl: central.url });
    await services.auth.signIn('zhangsan', 'Hall-2026');
    services.settings.update({ centralUrl: '' });
    const browser = await chromium.launch({
      ...(chromiumBinary() ? { executablePath: chromiumBinary()! } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await page.goto(host.pageUrl('clerk'));
      await page.getByTestId('idcard-state').filter({ hasText: '就绪' }).first().waitFor({ timeout: 60_000 });
      let actions = 0;
      const press = async (key: string) => {
        actions++;
        await page.keyboard.press(key);
      };
      await press('F9');
      await page.getByLabel('申请人姓名').waitFor();
      await services.idcard.place('resident'); // the applicant puts the card on the reader: no clerk action
      for (let i = 0; i < 200 && (await page.getByLabel('申请人姓名').inputValue()) !== '张伟'; i++) await page.waitForTimeout(50);
      await page.getByLabel('搜索事项').focus(); // the search box has focus after F9 in normal use; not counted
      for (const ch of 'cxjmyl') await press(ch);
      await page.locator('.item-hit.active', { hasText: '城乡居民养老保险参保登记' }).waitFor();
      await press('Enter');
      await page.getByRole('heading', { name: '申请材料' }).waitFor();
      await press('Alt+a');
      await page.locator('[data-action="accept"]:not([disabled])').waitFor();
      // The browser's print dialog is the operating system's, not the clerk's keystrokes here.
      await page.evaluate(`window.print = () => undefined`);
      await press('F8');
      await page.getByText(/已受理\u3000受理号/).waitFor();
      const preview = page.getByRole('dialog', { name: '打印预览' });
      await preview.getByText('受理通知书').first().waitFor();
      await press('Enter'); // 打印 has the focus
      await preview.waitFor({ state: 'hidden' });
      emit({ name: 'workspace.standardCase.actions', value: actions, unit: 'actions from new case to the printed 受理通知书 (goal ≤ 12)', compare: { name: 'workspace.standardCase.typedSearchKeys', value: 6 } });

      // Search: keystroke → list re-rendered, over the whole catalogue.
      await press('F9');
      const search = page.getByLabel('搜索事项');
      await search.waitFor();
      const samples: number[] = [];
      for (const word of ['budongchan', 'gtgsh', '城乡居民', 'paiwuxuke', 'jiashizheng']) {
        await search.fill('');
        for (const ch of word) {
          await search.focus();
          const ms = (await page.evaluate(`new Promise((resolve) => {
            const list = document.querySelector('.item-picker-list');
            const t0 = performance.now();
            const obs = new MutationObserver(() => { obs.disconnect(); requestAnimationFrame(() => resolve(performance.now() - t0)); });
            obs.observe(list, { childList: true, subtree: true, characterData: true });
            setTimeout(() => { obs.disconnect(); resolve(-1); }, 2000);
            const input = document.querySelector('[aria-label="搜索事项"]');
            const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
            setter.call(input, input.value + ${JSON.stringify(ch)});
            input.dispatchEvent(new Event('input', { bubbles: true }));
          })`)) as number;
          if (ms >= 0) samples.push(ms);
        }
      }
      emit({ name: 'workspace.search.render_ms', value: round(percentile(samples, 95)), unit: 'ms p95 (goal < 50)', compare: { name: 'workspace.search.samples', value: samples.length } });
    } finally {
      await browser.close();
      await host.close();
      await central.close();
      services.close();
      tmp.cleanup();
    }
  },
};
export default bench;
