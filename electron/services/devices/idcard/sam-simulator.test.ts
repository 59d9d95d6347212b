import { expect, it } from 'vitest';
import { encodeRequest, parseResponse, toHex } from '../../../../shared/domain/idcard';
import { fixtureById } from './fixtures';
import { SamSimulator } from './sam-simulator';

it('answers like a SAM module: reset forms, bad checksum 10, unknown command 21, read before select 41', () => {
  const out: Uint8Array[] = [];
  const sim = new SamSimulator((b) => out.push(b.slice()));
  const sw3 = (req: Uint8Array) => {
    sim.receive(req);
    return parseResponse(out.at(-1)!).sw3;
  };
  expect(sw3(encodeRequest(0x10, 0xff))).toBe(0x90);
  expect(sw3(encodeRequest(0x01, 0xff))).toBe(0x90);
  const bad = Uint8Array.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x21]); // seen in the wild
  expect(sw3(bad)).toBe(0x10);
  expect(sw3(encodeRequest(0x77, 0x01))).toBe(0x21);
  expect(sw3(encodeRequest(0x20, 0x01))).toBe(0x80);
  sim.place(fixtureById('resident')!);
  expect(sw3(encodeRequest(0x30, 0x01))).toBe(0x41);
  expect(toHex(out.at(-1)!)).toBe('aa aa aa 96 69 00 04 00 00 41 45');
  expect(sw3(encodeRequest(0x20, 0x01))).toBe(0x9f);
  expect(sw3(encodeRequest(0x20, 0x02))).toBe(0x90);
  sim.receive(encodeRequest(0x30, 0x01));
  expect(out.at(-1)).toHaveLength(1295);
  expect(sw3(encodeRequest(0x30, 0x03))).toBe(0x91);
  expect(sw3(encodeRequest(0x12, 0xff))).toBe(0x90);
  expect(out.at(-1)).toHaveLength(27);
});
