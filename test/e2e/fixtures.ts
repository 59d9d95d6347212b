import { test as base } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rendererOut } from '../../electron/cli/paths';
import { type BrowserHost, startBrowserHost } from '../../electron/host/server';
import { type AppServices, createAppServices } from '../../electron/services/app';

/** A browser host per test, on its own empty data folder: what a first run looks like. */
export const test = base.extend<{ host: BrowserHost; services: AppServices }>({
  services: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'zhck-e2e-'));
    // A small 示例 catalogue: the named guides are all there; 15,000 items are for the benchmarks.
    const services = createAppServices({ dataDir: dir, host: 'browser', sampleCatalogSize: 500 });
    await use(services);
    services.close();
    rmSync(dir, { recursive: true, force: true });
  },
  host: async ({ services }, use) => {
    const host = await startBrowserHost({ services, staticDir: rendererOut });
    await use(host);
    await host.close();
  },
});

export { expect } from '@playwright/test';
