import { test as base } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rendererOut } from '../../electron/cli/paths';
import { type BrowserHost, startBrowserHost } from '../../electron/host/server';
import { type AppServices, createAppServices } from '../../electron/services/app';
import { type CentralAuthStub, startCentralAuth } from '../support/central-auth';

export type SeededLogin = 'admin' | 'zhangsan' | 'lisi';

/**
 * A browser host per test, on its own empty data folder: what a first run looks like, except
 * that a clerk is already signed in (`signInAs`, default 管理员) so pages open on the workspace.
 * The sign-in goes through the real API against a real loopback platform stub; afterwards the
 * platform address is emptied again so that other features see a first-run configuration.
 * `test.use({ signInAs: null })` opens on the sign-in page instead.
 */
export const test = base.extend<{ host: BrowserHost; services: AppServices; central: CentralAuthStub; signInAs: SeededLogin | null; sampleCatalogSize: number }>({
  signInAs: ['admin', { option: true }],
  /** The 示例 catalogue's size: the named guides are always there; 15,000 items are for the benchmarks. */
  sampleCatalogSize: [500, { option: true }],
  central: async ({}, use) => {
    const central = await startCentralAuth();
    await use(central);
    await central.close();
  },
  services: async ({ sampleCatalogSize }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'zhck-e2e-'));
    const services = createAppServices({ dataDir: dir, host: 'browser', sampleCatalogSize });
    await use(services);
    services.close();
    rmSync(dir, { recursive: true, force: true });
  },
  host: async ({ services, central, signInAs }, use) => {
    const host = await startBrowserHost({ services, staticDir: rendererOut });
    if (signInAs) await signInThroughApi(host, services, central, signInAs);
    await use(host);
    await host.close();
  },
});

export async function signInThroughApi(host: BrowserHost, services: AppServices, central: CentralAuthStub, login: SeededLogin, keepPlatform = false): Promise<void> {
  const before = services.settings.get().centralUrl;
  services.settings.update({ centralUrl: central.url });
  const res = await fetch(`${host.url}/api/auth.signIn`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify({ login, password: 'Hall-2026' }),
  });
  const body = (await res.json()) as { ok: boolean };
  if (!body.ok) throw new Error(`test sign-in failed: ${JSON.stringify(body)}`);
  if (!keepPlatform) services.settings.update({ centralUrl: before });
}

export { expect } from '@playwright/test';
