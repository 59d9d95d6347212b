import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { type HallBridge, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/contract/bridge';
import type { Envelope } from '../../shared/contract/errors';

// Two functions and nothing else: no raw ipcRenderer, no channels of the page's choosing.
const bridge: HallBridge = {
  invoke: (method, input) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, String(method), input) as Promise<Envelope<unknown>>,
  on: (event, handler) => {
    const listener = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) handler(payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, listener);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, listener);
  },
};

contextBridge.exposeInMainWorld('hallBridge', bridge);
