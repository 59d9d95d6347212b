/**
 * idcard.parse.frames_per_s — whole read-reply frames parsed into cards, vs. checksum-only.
 * idcard.event.latency_ms — last byte of the reply frame received → `idcard.cardRead` emitted
 *   (p50 and p99 over placements on the simulator), vs. parsing one block alone.
 * idcard.read.cycle_ms — find + select + read + newest address against the simulator over a pty,
 *   vs. the raw byte time of the same exchange at 115200 baud (8N1 = 10 bits a byte).
 */
import { IdCardService } from '../../electron/services/devices/idcard/idcard-service';
import { fixtureById, fixtureCards } from '../../electron/services/devices/idcard/fixtures';
import { SamReader } from '../../electron/services/devices/idcard/sam-reader';
import { openSerialLink } from '../../electron/services/devices/idcard/serial-link';
import { SimulatorHost } from '../../electron/services/devices/idcard/simulator-host';
import { FrameTransport } from '../../electron/services/devices/idcard/transport';
import { EventHub } from '../../electron/services/events';
import { createLogger } from '../../electron/services/log';
import { defaultSettings } from '../../electron/services/settings/settings-service';
import { decodeCardBytes, encodeNewestAddress, encodeResponse, framePayload, parseTextBlock } from '../../shared/domain/idcard';
import { type BenchModule, percentile, round } from './harness';


const replies = fixtureCards.map((f) => encodeResponse(0x90, Uint8Array.from([1, 0, 4, 0, ...f.text, ...f.photo])));

function perSecond(fn: (i: number) => void, n: number): number {
  for (let i = 0; i < 2000; i++) fn(i);
  const t = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  return (n / (performance.now() - t)) * 1000;
}

const bench: BenchModule = {
  prefix: 'idcard',
  async run(emit) {
    const N = 50_000;
    const parse = perSecond((i) => decodeCardBytes(replies[i % replies.length]!), N);
    const checksum = perSecond((i) => framePayload(replies[i % replies.length]!), N);
    emit({ name: 'idcard.parse.frames_per_s', value: Math.round(parse), unit: 'frames/s', compare: { name: 'idcard.checksumOnly.frames_per_s', value: Math.round(checksum) } });

    // Event latency through the real service: simulator process, pty, serial driver, EventHub.
    const events = new EventHub();
    const settings = { ...defaultSettings, devices: { ...defaultSettings.devices, idcard: { ...defaultSettings.devices.idcard, driver: 'simulator' as const } } };
    const service = new IdCardService({ get: () => settings }, events, createLogger({}), { pollMs: 20 });
    const latencies: number[] = [];
    let waiting: (() => void) | null = null;
    events.subscribe((name) => {
      if (name !== 'idcard.cardRead') return;
      latencies.push(performance.now() - service.lastReplyAt);
      waiting?.();
    });
    try {
      await service.ensureStarted();
      const ids = ['resident', 'foreigner2023'];
      for (let i = 0; i < 40; i++) {
        const got = new Promise<void>((r) => (waiting = r));
        await service.place(ids[i % 2]!);
        await got;
      }
    } finally {
      await service.stop();
    }
    const block = fixtureById('resident')!.text;
    const parseOnce: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const t = performance.now();
      parseTextBlock(block);
      parseOnce.push(performance.now() - t);
    }
    emit({ name: 'idcard.event.latency_ms', value: round(percentile(latencies, 50)), unit: 'ms (p50)', compare: { name: 'idcard.parseTextBlock.p50_ms', value: round(percentile(parseOnce, 50), 4) } });
    emit({ name: 'idcard.event.latency_p99_ms', value: round(percentile(latencies, 99)), unit: 'ms (p99, goal < 5)', compare: { name: 'idcard.parseTextBlock.p99_ms', value: round(percentile(parseOnce, 99), 4) } });

    // Read cycle against the simulator process over a pty.
    const sim = await SimulatorHost.start();
    const transport = new FrameTransport(await openSerialLink(sim.path));
    const reader = new SamReader(transport, { readFingerprint: false, readNewestAddress: true });
    const cycles: number[] = [];
    try {
      await sim.send({ op: 'place', cardId: 'residentNewAddress' });
      for (let i = 0; i < 30; i++) {
        const t = performance.now();
        if (!(await reader.find())) throw new Error('no card');
        await reader.read();
        cycles.push(performance.now() - t);
      }
    } finally {
      await reader.close();
      sim.stop();
    }
    // Bytes on the wire for one cycle: 4 requests of 10 bytes; replies 15 + 19 + 1295 + 81.
    const address = encodeResponse(0x90, encodeNewestAddress('x')).length;
    const wireBytes = 4 * 10 + 15 + 19 + replies[0]!.length + address;
    emit({ name: 'idcard.read.cycle_ms', value: round(percentile(cycles, 50), 2), unit: 'ms (p50, pty)', compare: { name: 'idcard.rawByteTime115200.ms', value: round((wireBytes * 10 * 1000) / 115200, 2) } });
  },
};

export default bench;
