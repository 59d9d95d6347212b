/** Minimal PNG writer for the decoded 102×126 photo (24-bit, no palette). */
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** rgb: width*height*3 bytes, top row first. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    Buffer.from(rgb.buffer, rgb.byteOffset + y * width * 3, width * 3).copy(raw, y * (width * 3 + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A 24-bit BMP file (bottom-up, BGR, rows padded to 4 bytes) → top-down RGB. */
export function bmpToRgb(bmp: Uint8Array): { width: number; height: number; rgb: Uint8Array } {
  const b = Buffer.from(bmp.buffer, bmp.byteOffset, bmp.byteLength);
  if (b.length < 54 || b.toString('ascii', 0, 2) !== 'BM' || b.readUInt16LE(28) !== 24) throw new Error('not a 24-bit BMP');
  const offset = b.readUInt32LE(10);
  const width = b.readInt32LE(18);
  const h = b.readInt32LE(22);
  const height = Math.abs(h);
  const stride = Math.ceil((width * 3) / 4) * 4;
  if (offset + stride * height > b.length) throw new Error('BMP truncated');
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const src = offset + (h > 0 ? height - 1 - y : y) * stride;
    for (let x = 0; x < width; x++) {
      rgb[(y * width + x) * 3] = b[src + x * 3 + 2]!;
      rgb[(y * width + x) * 3 + 1] = b[src + x * 3 + 1]!;
      rgb[(y * width + x) * 3 + 2] = b[src + x * 3]!;
    }
  }
  return { width, height, rgb };
}
