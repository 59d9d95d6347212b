import { app, type BrowserWindow, dialog } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAppError } from '../../shared/contract/errors';
import { type AppServices, createAppServices } from '../services/app';
import { bindContract } from './ipc';
import { registerAppScheme, serveRenderer } from './protocol';
import { createClerkWindow, createCustomerWindow } from './windows';

// Bundled to build/dist/electron/main.mjs; the renderer sits beside it.
const electronOut = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(electronOut, '..', 'renderer');

const dataDirArg = process.argv.indexOf('--data-dir');
if (dataDirArg >= 0 && process.argv[dataDirArg + 1]) app.setPath('userData', process.argv[dataDirArg + 1]!);

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // A second start only brings the running window forward (handled in 'second-instance').
  app.quit();
} else {
  let services: AppServices | null = null;
  let clerkWindow: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (clerkWindow && !clerkWindow.isDestroyed()) {
      if (clerkWindow.isMinimized()) clerkWindow.restore();
      clerkWindow.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => services?.close());

  void app.whenReady().then(() => {
    try {
      services = createAppServices({ dataDir: app.getPath('userData'), host: 'electron', rendererDir });
    } catch (error) {
      const text = isAppError(error) ? `${error.message}\n${error.hint ?? ''}` : '综合窗口无法启动：本机数据无法打开。请联系信息科。';
      dialog.showErrorBox('综合窗口无法启动', text);
      app.exit(1);
      return;
    }
    serveRenderer(rendererDir);
    bindContract(services);
    clerkWindow = createClerkWindow(electronOut);
    createCustomerWindow(electronOut);
  });
}
