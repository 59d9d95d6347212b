import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors';
import { Cmd, encodeRequest, encodeResponse, parseRequest, parseResponse, toHex } from './sam-frame';
import { SamStreamDecoder } from './sam-stream';
import { sw3Message } from './sw3';

const hex = (s: string) => new Uint8Array(s.split(' ').map((b) => parseInt(b, 16)));

describe('SAM frames', () => {
  it('encodes the documented request frames byte for byte', () => {
    expect(toHex(encodeRequest(...Cmd.find))).toBe('aa aa aa 96 69 00 03 20 01 22');
    expect(toHex(encodeRequest(...Cmd.select))).toBe('aa aa aa 96 69 00 03 20 02 21');
    expect(toHex(encodeRequest(...Cmd.readBase))).toBe('aa aa aa 96 69 00 03 30 01 32');
    expect(toHex(encodeRequest(...Cmd.readNewestAddress))).toBe('aa aa aa 96 69 00 03 30 03 30');
    expect(toHex(encodeRequest(...Cmd.readWithFingerprint))).toBe('aa aa aa 96 69 00 03 30 10 23');
    expect(toHex(encodeRequest(0x61, 0xff, [0x50]))).toBe('aa aa aa 96 69 00 04 61 ff 50 ca');
  });

  it('encodes and parses the documented response frames', () => {
    expect(toHex(encodeResponse(0x80))).toBe('aa aa aa 96 69 00 04 00 00 80 84');
    expect(toHex(encodeResponse(0x9f, [0, 0, 0, 0]))).toBe('aa aa aa 96 69 00 08 00 00 9f 00 00 00 00 97');
    expect(toHex(encodeResponse(0x90, new Uint8Array(8)))).toBe('aa aa aa 96 69 00 0c 00 00 90 00 00 00 00 00 00 00 00 9c');
    const r = parseResponse(hex('aa aa aa 96 69 00 04 00 00 41 45'));
    expect(r.sw3).toBe(0x41);
    expect(sw3Message(r.sw3)).toBe('读证/卡操作失败');
    expect(parseRequest(hex('aa aa aa 96 69 00 03 20 01 22'))).toMatchObject({ cmd: 0x20, para: 0x01 });
  });

  it('refuses wrong checksums, lengths and preambles with Chinese messages', () => {
    expect(() => parseResponse(hex('aa aa aa 96 69 00 04 00 00 80 85'))).toThrow('校验和错误');
    expect(() => parseResponse(hex('aa aa aa 96 69 00 05 00 00 80 84'))).toThrow('长度不符');
    expect(() => parseResponse(hex('aa aa ab 96 69 00 04 00 00 80 84'))).toThrow('帧头错误');
    expect(() => parseRequest(hex('aa aa aa 96 69 00 02 00 02'))).toThrow('缺少命令字节');
    expect(() => parseResponse(hex('aa aa'))).toThrow(AppError);
    expect(sw3Message(0x55)).toBe('未知状态码 55');
  });
});

describe('stream decoder', () => {
  const frames = [encodeResponse(0x9f, [1, 2, 3, 4]), encodeResponse(0x90, new Uint8Array(1284).fill(0xaa)), encodeResponse(0x80)];
  const stream = Uint8Array.from(frames.flatMap((f) => Array.from(f)));

  it('reassembles frames from any split of the stream', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 40 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const d = new SamStreamDecoder();
        const out: Uint8Array[] = [];
        let prev = 0;
        for (const p of [...points, stream.length]) {
          for (const item of d.push(stream.subarray(prev, p))) if (item.kind === 'frame') out.push(item.frame);
          prev = p;
        }
        expect(out.map(toHex)).toEqual(frames.map(toHex));
        expect(d.pending).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('resynchronises after garbage, false preambles and corrupted frames', () => {
    const d = new SamStreamDecoder();
    const corrupted = encodeResponse(0x90, [1, 2, 3]);
    corrupted[corrupted.length - 1] = corrupted[corrupted.length - 1]! ^ 1;
    const junk = [0x00, 0xaa, 0xaa, 0xaa, 0x96, 0x69, 0xff, 0xff, 0x13, 0xaa];
    const items = d.push(Uint8Array.from([...junk, ...corrupted, 0x42, ...frames[0]!, ...frames[2]!]));
    expect(items.map((i) => i.kind)).toEqual(['badChecksum', 'frame', 'frame']);
    expect(toHex(items[1]!.frame)).toBe(toHex(frames[0]!));
  });

  it('keeps a preamble split across chunks', () => {
    const d = new SamStreamDecoder();
    const f = frames[0]!;
    expect(d.push(Uint8Array.from([0x01, 0x02, ...f.subarray(0, 3)]))).toEqual([]);
    expect(d.push(f.subarray(3)).map((i) => i.kind)).toEqual(['frame']);
  });
});
