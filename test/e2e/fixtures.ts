import { test as base } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rendererOut } from '../../electron/cli/paths';
import { type BrowserHost, startBrowserHost } from '../../electron/host/server';
import { type AppServices, createAppServices } from '../../electron/services/app';

/** A browser host per test, on its own empty data folder: what a first run looks like. */
export const test = base.extend<{ host: BrowserHost; services: AppServices; sampleCatalogSize: number | undefined }>({
  /** A smaller 示例 catalogue for tests that only need the sample guides (`test.use({ sampleCatalogSize: 300 })`). */
  sampleCatalogSize: [undefined, { option: true }],
  services: async ({ sampleCatalogSize }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'zhck-e2e-'));
    const services = createAppServices({ dataDir: dir, host: 'browser', ...(sampleCatalogSize === undefined ? {} : { sampleCatalogSize }) });
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
