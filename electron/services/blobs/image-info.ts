import { AppError } from '../../../shared/contract/errors';

export interface ImageInfo {
  mime: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
}

/** Reads type and size from a JPEG's SOF marker or a PNG's IHDR; refuses anything else. */
export function imageInfo(bytes: Uint8Array): ImageInfo {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length > 24 && b.readUInt32BE(0) === 0x89504e47 && b.toString('latin1', 12, 16) === 'IHDR') {
    return { mime: 'image/png', width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  }
  if (b.length > 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) break;
      const marker = b[i + 1]!;
      if (marker === 0xff) {
        i++;
        continue;
      }
      const len = b.readUInt16BE(i + 2);
      // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        const height = b.readUInt16BE(i + 5);
        const width = b.readUInt16BE(i + 7);
        if (width > 0 && height > 0) return { mime: 'image/jpeg', width, height };
        break;
      }
      i += 2 + len;
    }
  }
  throw new AppError('BAD_REPLY', '收到的图片不完整或格式不支持，这一页没有保存。', { hint: '请重新拍摄或扫描这一页。' });
}
