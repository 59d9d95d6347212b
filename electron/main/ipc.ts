import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/contract/bridge';
import type { AppServices } from '../services/app';
import { APP_ORIGIN } from './protocol';

/** Only our own top-level pages may call; an iframe or a foreign page is refused. */
function senderTrusted(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return !!frame && frame.parent === null && frame.url.startsWith(`${APP_ORIGIN}/`);
}

/** Binds every contract method through the one dispatcher, and forwards every event. */
export function bindContract(services: AppServices): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, method: unknown, input: unknown) => {
    if (!senderTrusted(event)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的请求。' } };
    }
    return services.dispatch(String(method), input, { via: 'ipc' });
  });
  const unsubscribe = services.events.subscribe((name, payload) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, name, payload);
    }
  });
  return () => {
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
    unsubscribe();
  };
}
