import { defineConfig } from '@playwright/test';
import { chromiumBinary } from '../../electron/cli/paths';

const executablePath = chromiumBinary() ?? undefined;

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalSetup: './global-setup.ts',
  workers: 2,
  timeout: 60_000,
  reporter: [['list'], ['json']],
  use: {
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions: {
      // Debian's Chromium, or Playwright's own browser on a developer machine that has one.
      ...(executablePath ? { executablePath } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
