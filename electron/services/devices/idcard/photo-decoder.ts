/**
 * The WLT photo needs a licensed decoder (WltRS / libwlt2bmp) tied to the reader. It is a plugin:
 * a library path in settings; without one the UI shows a placeholder. Two calling conventions:
 * `int unpack(uint8_t *wlt, uint8_t *bmp, int flag)` filling a BMP buffer (libwlt2bmp), and
 * WltRS `int GetBmp(const char *wltPath, int intf)` writing `<name>.bmp` beside the input.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../../shared/contract/errors';
import { bmpToRgb, encodePng } from './png';
import { callAsync as call, callingConvention, type KoffiFn, loadVendorLibrary } from './ffi';

export interface PhotoDecoder {
  /** PNG data URL of the 102×126 photo. */
  decode(wlt: Uint8Array): Promise<string>;
  close(): void;
}

const BMP_BYTES = 14 + 40 + 308 * 126;

const getBmpCodes: Record<number, string> = {
  0: '调用读卡器接口库出错',
  [-1]: '相片解码错误',
  [-2]: '相片文件后缀错误',
  [-3]: '相片文件打开错误',
  [-4]: '相片格式错误',
  [-5]: '解码库与读卡器不匹配或软件未授权',
  [-6]: '设备连接错误',
};

function toDataUrl(bmp: Uint8Array): string {
  const { width, height, rgb } = bmpToRgb(bmp);
  return `data:image/png;base64,${encodePng(width, height, rgb).toString('base64')}`;
}

const failed = (why: string) => new AppError('DEVICE', `证件相片解码失败：${why}。`, { hint: '证件信息已读取，相片暂不显示；请联系信息科检查相片解码库的授权。' });

export function loadPhotoDecoder(path: string): PhotoDecoder {
  const lib = loadVendorLibrary(path);
  const cc = callingConvention;
  let unpack: KoffiFn | null = null;
  let getBmp: KoffiFn | null = null;
  try {
    unpack = lib.func(`int ${cc}unpack(uint8_t *wlt, uint8_t *bmp, int flag)`);
  } catch {
    try {
      getBmp = lib.func(`int ${cc}GetBmp(const char *wltFile, int intf)`);
    } catch {
      lib.unload();
      throw new AppError('DEVICE', '相片解码库中没有 unpack 或 GetBmp 函数。', { hint: '请确认设置中的相片解码库文件正确。' });
    }
  }
  return {
    async decode(wlt) {
      if (unpack) {
        const bmp = Buffer.alloc(BMP_BYTES);
        const r = await call(unpack, Buffer.from(wlt), bmp, 708);
        if (r !== 1) throw failed(getBmpCodes[r] ?? `错误码 ${r}`);
        return toDataUrl(bmp);
      }
      const dir = mkdtempSync(join(tmpdir(), 'zhck-wlt-'));
      try {
        writeFileSync(join(dir, 'zp.wlt'), wlt);
        const r = await call(getBmp!, join(dir, 'zp.wlt'), 1);
        if (r !== 1) throw failed(getBmpCodes[r] ?? `错误码 ${r}`);
        return toDataUrl(readFileSync(join(dir, 'zp.bmp')));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    close: () => lib.unload(),
  };
}
