import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import { fixtureById } from './fixtures';
import { parseTextBlock } from '../../../../shared/domain/idcard';
import { ReaderLoop, type ReaderState } from './reader-loop';
import type { CardRead, ReaderBackend } from './sam-reader';

async function until(cond: () => boolean, what: string) {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A reader whose cable can be pulled: after `unplug()` every call fails and `closed` is true. */
function fakeReader(world: { present: boolean; plugged: boolean; opens: number }): ReaderBackend {
  let closed = false;
  const check = () => {
    if (!world.plugged) {
      closed = true;
      throw new AppError('DEVICE', '读卡器连接已断开。');
    }
  };
  const read: CardRead = { card: parseTextBlock(fixtureById('resident')!.text), photo: null };
  return {
    get closed() {
      return closed;
    },
    async find() {
      check();
      return world.present;
    },
    async read() {
      check();
      return read;
    },
    async close() {
      closed = true;
    },
  };
}

describe('reader loop', () => {
  it('reconnects after an unplug and reads the next placement', async () => {
    const world = { present: false, plugged: true, opens: 0 };
    const states: ReaderState[] = [];
    let reads = 0;
    const loop = new ReaderLoop(
      {
        open: async () => {
          world.opens++;
          if (!world.plugged) throw new AppError('DEVICE', '无法打开读卡器串口 /dev/ttyUSB0。');
          return fakeReader(world);
        },
        pollMs: 5,
        reconnectMs: 5,
      },
      { state: (s) => states.push(s), card: () => reads++ },
    );
    loop.start();
    await until(() => loop.state === 'ready', 'ready');
    world.present = true;
    await until(() => reads === 1, 'first read');
    world.plugged = false;
    await until(() => loop.state === 'fault' && world.opens >= 3, 'fault and retries while unplugged');
    expect(loop.message).toMatch(/断开|无法打开/);
    world.plugged = true;
    world.present = false;
    await until(() => loop.state === 'ready', 'reconnected');
    world.present = true;
    await until(() => reads === 2, 'read after reconnect');
    await loop.stop();
    expect(loop.state).toBe('disconnected');
  });

  it('gives up on a placement after repeated read failures until the card is taken away', async () => {
    let failing = true;
    let present = true;
    let attempts = 0;
    let reads = 0;
    const backend: ReaderBackend = {
      closed: false,
      find: async () => present,
      read: async () => {
        attempts++;
        if (failing) throw new AppError('DEVICE', '读卡失败：读证/卡操作失败。');
        return { card: parseTextBlock(fixtureById('resident')!.text), photo: null };
      },
      close: async () => undefined,
    };
    const loop = new ReaderLoop({ open: async () => backend, pollMs: 5, maxAttempts: 3 }, { state: () => undefined, card: () => reads++ });
    loop.start();
    await until(() => attempts === 3 && loop.cardPresent, 'three attempts');
    await new Promise((r) => setTimeout(r, 50));
    expect(attempts).toBe(3);
    expect(loop.message).toBe('读卡失败：读证/卡操作失败。');
    failing = false;
    present = false;
    await until(() => !loop.cardPresent, 'removal');
    present = true;
    await until(() => reads === 1, 'read of the next placement');
    await loop.stop();
  });
});
