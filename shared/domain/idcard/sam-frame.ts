/**
 * The SAM module's serial frame (身份证阅读器 SAM 协议): `AA AA AA 96 69 | LEN(2, BE) | payload | CHK`.
 * LEN counts payload + CHK; CHK is the XOR of the LEN bytes and the payload. Requests carry
 * `CMD PARA [data]`, responses `SW1 SW2 SW3 [data]`.
 */
import { AppError } from '../../contract/errors';

export const PREAMBLE = [0xaa, 0xaa, 0xaa, 0x96, 0x69] as const;
/** Longest legal frame: `30 10` with fingerprint is 2321 bytes; anything far above is garbage. */
export const MAX_FRAME_LENGTH = 4096;

export const Cmd = {
  resetSam: [0x10, 0xff],
  samStatus: [0x11, 0xff],
  samId: [0x12, 0xff],
  find: [0x20, 0x01],
  select: [0x20, 0x02],
  readBase: [0x30, 0x01],
  readNewestAddress: [0x30, 0x03],
  readWithFingerprint: [0x30, 0x10],
} as const satisfies Record<string, readonly [number, number]>;

export function xorChecksum(bytes: Uint8Array, from: number, to: number): number {
  let x = 0;
  for (let i = from; i < to; i++) x ^= bytes[i]!;
  return x;
}

function frame(payload: ArrayLike<number>): Uint8Array {
  const len = payload.length + 1;
  const out = new Uint8Array(7 + len);
  out.set(PREAMBLE, 0);
  out[5] = (len >> 8) & 0xff;
  out[6] = len & 0xff;
  out.set(payload, 7);
  out[out.length - 1] = xorChecksum(out, 5, out.length - 1);
  return out;
}

export function encodeRequest(cmd: number, para: number, data: ArrayLike<number> = []): Uint8Array {
  return frame([cmd, para, ...Array.from(data)]);
}

export function encodeResponse(sw3: number, data: ArrayLike<number> = [], sw1 = 0, sw2 = 0): Uint8Array {
  const payload = new Uint8Array(3 + data.length);
  payload[0] = sw1;
  payload[1] = sw2;
  payload[2] = sw3;
  payload.set(data, 3);
  return frame(payload);
}

const badFrame = (what: string) =>
  new AppError('BAD_REPLY', `读卡器返回的数据不完整或已损坏（${what}）。`, { hint: '请把证件拿开后重新放置；多次出现请检查读卡器连线。' });

/** Checks preamble, length and checksum of one whole frame and returns its payload (without CHK). */
export function framePayload(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 8) throw badFrame('数据过短');
  for (let i = 0; i < 5; i++) if (bytes[i] !== PREAMBLE[i]) throw badFrame('帧头错误');
  const len = (bytes[5]! << 8) | bytes[6]!;
  if (len + 7 !== bytes.length) throw badFrame('长度不符');
  if (xorChecksum(bytes, 5, bytes.length - 1) !== bytes[bytes.length - 1]) throw badFrame('校验和错误');
  return bytes.subarray(7, bytes.length - 1);
}

export interface SamResponse {
  sw1: number;
  sw2: number;
  sw3: number;
  data: Uint8Array;
}

export function parseResponse(bytes: Uint8Array): SamResponse {
  const p = framePayload(bytes);
  if (p.length < 3) throw badFrame('缺少状态字节');
  return { sw1: p[0]!, sw2: p[1]!, sw3: p[2]!, data: p.subarray(3) };
}

export interface SamRequest {
  cmd: number;
  para: number;
  data: Uint8Array;
}

export function parseRequest(bytes: Uint8Array): SamRequest {
  const p = framePayload(bytes);
  if (p.length < 2) throw badFrame('缺少命令字节');
  return { cmd: p[0]!, para: p[1]!, data: p.subarray(2) };
}

export const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
