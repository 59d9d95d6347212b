/** The data part of a `30 01` / `30 10` reply: TL, PL, [FL], text, WLT photo, [fingerprint]. */
import { AppError } from '../../contract/errors';
import { type IdCard, parseTextBlock, PHOTO_BYTES, TEXT_BLOCK_BYTES } from './card';
import { parseResponse, PREAMBLE } from './sam-frame';
import { SW3, sw3Message } from './sw3';

export interface ReadBlocks {
  text: Uint8Array;
  photo: Uint8Array | null;
  fingerprint: Uint8Array | null;
}

const bad = (what: string) =>
  new AppError('BAD_REPLY', `读卡器返回的证件数据格式不对（${what}）。`, { hint: '请把证件拿开后重新放置；多次出现请检查读卡器。' });

const u16 = (d: Uint8Array, i: number) => (d[i]! << 8) | d[i + 1]!;

export function splitReadData(data: Uint8Array): ReadBlocks {
  if (data.length < 4) throw bad('缺少长度字段');
  const tl = u16(data, 0);
  const pl = u16(data, 2);
  if (tl !== TEXT_BLOCK_BYTES) throw bad(`文字长度 ${tl}`);
  if (pl !== PHOTO_BYTES && pl !== 0) throw bad(`相片长度 ${pl}`);
  // `30 01` has two length fields; `30 10` a third for the fingerprint.
  if (data.length === 4 + tl + pl) return { text: data.slice(4, 4 + tl), photo: pl ? data.slice(4 + tl, 4 + tl + pl) : null, fingerprint: null };
  if (data.length < 6) throw bad('长度不符');
  const fl = u16(data, 4);
  if (data.length !== 6 + tl + pl + fl) throw bad('长度不符');
  return {
    text: data.slice(6, 6 + tl),
    photo: pl ? data.slice(6 + tl, 6 + tl + pl) : null,
    fingerprint: fl ? data.slice(6 + tl + pl) : null,
  };
}

/** For `idcard decode`: a whole read-reply frame, or a bare 256-byte text block. */
export function decodeCardBytes(bytes: Uint8Array): IdCard {
  if (bytes.length === TEXT_BLOCK_BYTES && !PREAMBLE.every((b, i) => bytes[i] === b)) return parseTextBlock(bytes);
  const reply = parseResponse(bytes);
  if (reply.sw3 !== SW3.ok) throw new AppError('DEVICE', `读卡器报告：${sw3Message(reply.sw3)}。`, { hint: '请把证件拿开后重新放置。' });
  const blocks = splitReadData(reply.data);
  return parseTextBlock(blocks.text, { photo: blocks.photo });
}
