/**
 * The inverse of card.ts: writes a card's fields into a 256-byte block at the layout's offsets.
 * Used by the simulator and the tests; never by the driver.
 */
import type { CardType } from './card';

const flags: Record<CardType, number> = { resident: 0x20, hkMacaoTaiwan: 0x4a, foreigner2017: 0x49, foreigner2023: 0x59 };

export type FieldWrites = [offset: number, bytes: number, text: string][];

export function putUcs2(block: Uint8Array, offset: number, bytes: number, text: string): void {
  const chars = bytes / 2;
  if (text.length > chars) throw new RangeError(`"${text}" does not fit ${chars} chars at ${offset}`);
  const padded = text.padEnd(chars, ' ');
  for (let i = 0; i < chars; i++) {
    const c = padded.charCodeAt(i);
    block[offset + 2 * i] = c & 0xff;
    block[offset + 2 * i + 1] = c >> 8;
  }
}

export function encodeTextBlock(cardType: CardType, fields: FieldWrites): Uint8Array {
  const block = new Uint8Array(256);
  putUcs2(block, 0, 256, '');
  for (const [offset, bytes, text] of fields) putUcs2(block, offset, bytes, text);
  block[248] = flags[cardType];
  block[249] = 0;
  return block;
}

/** The `30 03` reply body: 70 bytes of UCS-2LE. */
export function encodeNewestAddress(text: string): Uint8Array {
  const b = new Uint8Array(70);
  putUcs2(b, 0, 70, text);
  return b;
}
