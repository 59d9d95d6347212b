/** Shared koffi helpers for the vendor reader library and the photo-decoder plugin. */
import koffi, { type LibraryHandle } from 'koffi';
import { AppError } from '../../../../shared/contract/errors';

export type { LibraryHandle };
export type KoffiFn = ReturnType<LibraryHandle['func']>;

/** Windows vendor DLLs are __stdcall; elsewhere the prefix would be ignored or refused. */
export const callingConvention = process.platform === 'win32' ? '__stdcall ' : '';

/** Runs a blocking vendor call on koffi's worker thread so polling never freezes the window. */
export function callAsync(fn: KoffiFn, ...args: unknown[]): Promise<number> {
  return new Promise((resolve, reject) => fn.async(...args, (err: unknown, res: unknown) => (err ? reject(err) : resolve(res as number))));
}

export function loadVendorLibrary(path: string): LibraryHandle {
  if (!path) throw new AppError('DEVICE', '没有设置读卡器厂商库的路径。', { hint: '请在设置中填写厂商提供的动态库（.dll 或 .so）的完整路径。' });
  try {
    return koffi.load(path);
  } catch (error) {
    throw new AppError('DEVICE', '无法加载读卡器厂商库。', { hint: `请确认文件 ${path} 存在，且与本程序同为 64 位或同为 32 位。`, cause: error });
  }
}
