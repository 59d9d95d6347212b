import { afterEach, describe, expect, it } from 'vitest';
import type { CardRead } from './sam-reader';
import type { ReaderState } from './reader-loop';
import { createSerialDriver } from './serial-driver';
import { SimulatorHost } from './simulator-host';

/** Waits for a condition the driver reaches by itself; no timing is asserted. */
async function until(cond: () => boolean, what: string, ms = 15_000) {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('serial driver against the simulator process through a socat pty pair', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('reads each placement once, notices removal, survives faults and an unplug', async () => {
    const sim = await SimulatorHost.start({ chunkSize: 61 });
    cleanups.push(() => sim.stop());
    const reads: CardRead[] = [];
    const states: { s: ReaderState; m?: string }[] = [];
    const driver = createSerialDriver(
      { path: sim.path, readFingerprint: false, readNewestAddress: true, pollMs: 30, reconnectMs: 100 },
      { card: (r) => reads.push(r), state: (s, m) => states.push({ s, m }) },
    );
    cleanups.push(() => driver.stop());
    driver.start();
    await until(() => driver.state === 'ready', 'ready');

    await sim.send({ op: 'place', cardId: 'residentNewAddress' });
    await until(() => reads.length === 1, 'first read');
    expect(reads[0]!.card).toMatchObject({ cardType: 'resident', name: '王小明', idNumber: '440308199901101512', newestAddress: '广东省深圳市南山区粤海街道科技园南区深南大道10000号' });
    expect(reads[0]!.photo).toHaveLength(1024);
    expect(states.some((x) => x.s === 'reading')).toBe(true);

    // Left on the reader: polled many times, never read again.
    const polls = states.length;
    await new Promise((r) => setTimeout(r, 400));
    expect(reads).toHaveLength(1);
    expect(states.length).toBe(polls);

    // Removed and placed again (another card): read again.
    await sim.send({ op: 'remove' });
    await until(() => !driver.cardPresent, 'removal noticed');
    await sim.send({ op: 'fault', fault: 'readFailure' });
    await sim.send({ op: 'place', cardId: 'foreigner2023' });
    await until(() => reads.length === 2, 'read after a 41 failure');
    expect(states.some((x) => x.s === 'fault' && x.m?.includes('读证/卡操作失败'))).toBe(true);
    expect(reads[1]!.card).toMatchObject({ cardType: 'foreigner2023', englishName: 'SMITH, JOHNATHAN ALEXANDER BARTHOLOMEW WILLIAM' });

    await sim.send({ op: 'remove' });
    await until(() => !driver.cardPresent, 'removal noticed');
    await sim.send({ op: 'fault', fault: 'badChecksum' });
    await sim.send({ op: 'place', cardId: 'hkMacaoTaiwan' });
    await until(() => reads.length === 3, 'read after a bad checksum');
    expect(states.some((x) => x.m?.includes('校验失败'))).toBe(true);

    await sim.send({ op: 'remove' });
    await until(() => !driver.cardPresent, 'removal noticed');
    await sim.send({ op: 'fault', fault: 'pulledMidRead' });
    await sim.send({ op: 'place', cardId: 'resident' });
    await until(() => states.at(-1)?.s === 'fault' && states.at(-1)?.m === '读卡器没有应答。', 'timeout after card pulled mid-read');
    await sim.send({ op: 'place', cardId: 'resident' });
    await until(() => reads.length === 4, 'read after re-placing');
    expect(reads[3]!.card.name).toBe('张伟');

    // Slow replies past the per-command timeout: a fault, then recovery once the reader is fast again.
    await sim.send({ op: 'fault', fault: 'slow', delayMs: 800 });
    await until(() => driver.state === 'fault' && driver.message === '读卡器没有应答。', 'timeout on slow replies');
    await sim.send({ op: 'clearFaults' });
    await until(() => driver.state === 'ready', 'ready after slow replies');

    sim.unplug();
    await until(() => driver.state === 'fault', 'fault after unplug');
    expect(driver.message).toMatch(/断开|无法打开/);
  }, 60_000);
});
