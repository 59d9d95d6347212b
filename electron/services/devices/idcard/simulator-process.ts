/**
 * The simulated reader as its own process: opens the device end of a pty pair and answers the
 * SAM protocol there, so the driver on the other end cannot tell it from a reader on a cable.
 * Controlled by the parent over the IPC channel (place/remove a card, inject a fault).
 */
import { openSerialLink } from './serial-link';
import { type Fault, SamSimulator } from './sam-simulator';
import { fixtureById } from './fixtures';

export type SimulatorCommand =
  | { op: 'place'; cardId: string }
  | { op: 'remove' }
  | { op: 'fault'; fault: Fault; delayMs?: number }
  | { op: 'clearFaults' };

export type SimulatorReply = { op: 'ready' } | { op: 'ack'; state: string; cardId: string | null } | { op: 'error'; message: string };

const path = process.argv[2];
const send = (m: SimulatorReply) => process.send?.(m);

if (!path || !process.send) {
  console.error('usage: simulator-process <pty path> (started by the ID-card service)');
  process.exit(2);
}

const link = await openSerialLink(path);
const sim = new SamSimulator((bytes) => link.write(bytes), { chunkSize: Number(process.env.SIM_CHUNK ?? 0) || undefined });
link.onData((chunk) => sim.receive(chunk));
link.onClose(() => process.exit(0));
process.on('disconnect', () => process.exit(0));
process.on('message', (m: SimulatorCommand) => {
  if (m.op === 'place') {
    const card = fixtureById(m.cardId);
    if (!card) return send({ op: 'error', message: '没有这张模拟证件。' });
    sim.place(card);
  } else if (m.op === 'remove') sim.remove();
  else if (m.op === 'fault') sim.inject(m.fault, m.delayMs);
  else if (m.op === 'clearFaults') sim.clearFaults();
  send({ op: 'ack', ...sim.current });
});
send({ op: 'ready' });
