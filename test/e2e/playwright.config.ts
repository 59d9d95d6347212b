import { defineConfig } from '@playwright/test';
import { chromiumBinary } from '../../electron/cli/paths';

const executablePath = chromiumBinary() ?? undefined;

// The hall's clock: the services in the test process and the pages in Chromium must agree on what
// "today" is, as they do on a window PC (the 容缺 deadline, 今日办件 and the working-day countdown
// are computed on both sides). Workers inherit it.
process.env.TZ = 'Asia/Shanghai';

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
