import { describe, expect, it } from 'vitest';
import { fixtureById } from './fixtures';
import { SamReader } from './sam-reader';
import { SamSimulator } from './sam-simulator';
import { type ByteLink, FrameTransport } from './transport';

/** The simulator wired straight to a transport, delivering replies in 7-byte chunks. */
function wire(readFingerprint: boolean) {
  let toHost: (c: Uint8Array) => void = () => undefined;
  const sim = new SamSimulator((bytes) => queueMicrotask(() => toHost(bytes.slice())), { chunkSize: 7 });
  const link: ByteLink = {
    write: (bytes) => sim.receive(bytes),
    onData: (fn) => (toHost = fn),
    onClose: () => undefined,
    close: async () => undefined,
  };
  return { sim, reader: new SamReader(new FrameTransport(link), { readFingerprint, readNewestAddress: true }) };
}

describe('SAM reader sequence', () => {
  it('30 10 (with fingerprint block) reads the same card; commands go out in protocol order', async () => {
    const { sim, reader } = wire(true);
    expect(await reader.find()).toBe(false);
    sim.place(fixtureById('residentNewAddress')!);
    expect(await reader.find()).toBe(true);
    const { card, photo } = await reader.read();
    expect(card).toMatchObject({ name: '王小明', newestAddress: '广东省深圳市南山区粤海街道科技园南区深南大道10000号' });
    expect(photo).toHaveLength(1024);
    expect(sim.log).toEqual(['2001', '2001', '2002', '3010', '3003']);
  });

  it('a card without a newest address answers 91 and the card still reads', async () => {
    const { sim, reader } = wire(false);
    sim.place(fixtureById('resident')!);
    await reader.find();
    expect((await reader.read()).card.newestAddress).toBeNull();
  });

  it('reading without a card is a Chinese device error', async () => {
    const { reader } = wire(false);
    await expect(reader.read()).rejects.toThrow('读卡失败：选取证/卡失败。');
  });
});
