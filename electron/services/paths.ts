import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'zonghe-chuangkou';

/**
 * Where the browser host keeps its data when `--data-dir` is not given: the XDG data dir on
 * Linux, %APPDATA% on Windows, Application Support on macOS. (Electron uses `userData`.)
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), APP_DIR_NAME);
}

export interface DataLayout {
  root: string;
  database: string;
  backups: string;
  blobs: string;
  logs: string;
}

export function dataLayout(root: string): DataLayout {
  return {
    root,
    database: join(root, 'window.sqlite'),
    backups: join(root, 'backups'),
    blobs: join(root, 'blobs'),
    logs: join(root, 'logs'),
  };
}
