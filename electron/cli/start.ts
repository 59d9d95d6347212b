/**
 * `npm start`: build the renderer, then run Electron when its binary is there; otherwise the
 * browser host in Chromium app mode, or just the address when no browser is found.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRenderer } from './build';
import { runBrowserHost } from './host';
import { chromiumBinary, electronBinary, projectRoot } from './paths';

const argv = process.argv.slice(2);
await buildRenderer();

const electron = electronBinary();
if (electron) {
  const { buildElectron } = await import('./build-electron');
  await buildElectron();
  const child = spawn(electron, [projectRoot, ...argv], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('未找到 Electron 程序文件（可用 npm run electron:fetch 安装），改用浏览器模式启动。');
  const { host } = await runBrowserHost(argv);
  const url = host.pageUrl('clerk');
  const chromium = chromiumBinary();
  if (!chromium) {
    console.log(`未找到 Chromium 浏览器，请用浏览器打开：${url}`);
  } else {
    const profile = mkdtempSync(join(tmpdir(), 'zhck-browser-'));
    const browser = spawn(
      chromium,
      [
        `--app=${url}`,
        `--user-data-dir=${profile}`,
        '--window-size=1366,768',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ],
      { stdio: 'ignore' },
    );
    const openedAt = Date.now();
    console.log(`综合窗口已在浏览器中打开（关闭窗口即退出）。地址：${host.url}/clerk/`);
    browser.on('exit', () => {
      // A browser that dies at once never showed a window (no display, say): keep serving.
      if (Date.now() - openedAt < 5000) console.log(`浏览器未能打开窗口（可能没有图形界面），请用浏览器打开：${url}`);
      else process.kill(process.pid, 'SIGTERM');
    });
  }
}
