/** The SAM serial driver: a port path, the protocol over it, and the shared polling loop. */
import { type LoopEvents, ReaderLoop } from './reader-loop';
import { SamReader } from './sam-reader';
import { openSerialLink } from './serial-link';
import { FrameTransport } from './transport';

export interface SerialDriverOptions {
  path: string;
  readFingerprint: boolean;
  readNewestAddress: boolean;
  pollMs?: number;
  reconnectMs?: number;
}

export function createSerialDriver(options: SerialDriverOptions, events: LoopEvents): ReaderLoop {
  let transport: FrameTransport | null = null;
  return new ReaderLoop(
    {
      open: async () => {
        transport = new FrameTransport(await openSerialLink(options.path));
        return new SamReader(transport, options);
      },
      replyAt: () => transport?.lastFrameAt ?? performance.now(),
      ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
      ...(options.reconnectMs === undefined ? {} : { reconnectMs: options.reconnectMs }),
    },
    events,
  );
}
