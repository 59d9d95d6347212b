import { BrowserWindow, screen, type WebContents } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN } from './protocol';

const secureWebPreferences = (preload: string) => ({
  preload,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  spellcheck: false,
});

/** No navigation away from our pages and no new windows, whatever a page tries. */
function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function createClerkWindow(electronOutDir: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1280,
    minHeight: 720,
    title: '综合窗口',
    show: false,
    webPreferences: secureWebPreferences(join(electronOutDir, 'preload.cjs')),
  });
  lockDown(win.webContents);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/clerk/index.html`);
  return win;
}

/** The customer-facing window goes to the second display when there is one; hidden until needed. */
export function createCustomerWindow(electronOutDir: string): BrowserWindow {
  const primary = screen.getPrimaryDisplay();
  const second = screen.getAllDisplays().find((d) => d.id !== primary.id);
  const bounds = (second ?? primary).workArea;
  const win = new BrowserWindow({
    x: bounds.x,
    y: bounds.y,
    width: Math.min(bounds.width, 1280),
    height: Math.min(bounds.height, 800),
    title: '服务评价',
    show: false,
    fullscreen: second !== undefined,
    webPreferences: secureWebPreferences(join(electronOutDir, 'preload.cjs')),
  });
  lockDown(win.webContents);
  void win.loadURL(`${APP_ORIGIN}/customer/index.html`);
  return win;
}
