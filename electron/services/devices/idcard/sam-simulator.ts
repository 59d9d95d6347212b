/**
 * A SAM module in software: takes request bytes as they arrive on the wire, answers byte for
 * byte as a reader would (devices.md §1), and can misbehave on demand for the tests.
 */
import { encodeNewestAddress, encodeResponse, parseRequest, SamStreamDecoder, SW3 } from '../../../../shared/domain/idcard';
import type { FixtureCard } from './fixtures';

export type SimulatorState = 'noCard' | 'present' | 'selected';

export type Fault =
  /** The next reply's checksum byte is flipped. */
  | 'badChecksum'
  /** The next read (`30 01`/`30 10`) answers SW3 41. */
  | 'readFailure'
  /** Replies arrive after `delayMs` (per reply, until cleared). */
  | 'slow'
  /** The next read sends only half the frame, then the card is gone. */
  | 'pulledMidRead';

export interface SimulatorOptions {
  /** Split replies into chunks of this size, as USB-serial bridges do. */
  chunkSize?: number;
}

export class SamSimulator {
  private state: SimulatorState = 'noCard';
  private card: FixtureCard | null = null;
  private readonly decoder = new SamStreamDecoder();
  private readonly faults = new Set<Fault>();
  private delayMs = 0;
  /** Requests seen, for tests that check what the driver sent. */
  readonly log: string[] = [];

  constructor(
    private readonly send: (bytes: Uint8Array) => void,
    private readonly options: SimulatorOptions = {},
  ) {}

  place(card: FixtureCard): void {
    this.card = card;
    this.state = 'present';
  }

  remove(): void {
    this.card = null;
    this.state = 'noCard';
  }

  get current(): { state: SimulatorState; cardId: string | null } {
    return { state: this.state, cardId: this.card?.id ?? null };
  }

  inject(fault: Fault, delayMs = 1500): void {
    this.faults.add(fault);
    if (fault === 'slow') this.delayMs = delayMs;
  }

  clearFaults(): void {
    this.faults.clear();
    this.delayMs = 0;
  }

  receive(chunk: Uint8Array): void {
    for (const item of this.decoder.push(chunk)) {
      if (item.kind === 'badChecksum') {
        this.log.push('badChecksum');
        this.reply(encodeResponse(SW3.badChecksum));
        continue;
      }
      this.reply(this.answer(item.frame));
    }
  }

  private answer(frame: Uint8Array): Uint8Array {
    const { cmd, para, data } = parseRequest(frame);
    const key = `${hex(cmd)}${hex(para)}`;
    this.log.push(key);
    switch (key) {
      case '10ff':
      case '01ff': // reset: both forms are in the wild
      case '11ff':
        return encodeResponse(SW3.ok);
      case '12ff':
        return encodeResponse(SW3.ok, [0x05, 0x00, 0x01, 0x00, 0x78, 0x56, 0x34, 0x12, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00]);
      case '61ff':
        return encodeResponse(data.length === 1 ? SW3.ok : SW3.badLength);
      case '2001':
        if (!this.card) return encodeResponse(SW3.findFailed);
        this.state = 'present';
        return encodeResponse(SW3.findOk, [0, 0, 0, 0]);
      case '2002':
        if (this.state === 'noCard') return encodeResponse(SW3.selectFailed);
        this.state = 'selected';
        return encodeResponse(SW3.ok, new Uint8Array(8));
      case '3001':
      case '3010':
        return this.read(key === '3010');
      case '3003':
        if (this.state !== 'selected' || !this.card) return encodeResponse(SW3.readFailed);
        if (!this.card.newestAddress) return encodeResponse(SW3.noContent);
        return encodeResponse(SW3.ok, encodeNewestAddress(this.card.newestAddress));
      default:
        return encodeResponse(SW3.badCommand);
    }
  }

  private read(withFingerprint: boolean): Uint8Array {
    if (this.state !== 'selected' || !this.card) return encodeResponse(SW3.readFailed);
    if (this.faults.delete('readFailure')) return encodeResponse(SW3.readFailed);
    const { text, photo } = this.card;
    const head = withFingerprint ? [0x01, 0x00, 0x04, 0x00, 0x00, 0x00] : [0x01, 0x00, 0x04, 0x00];
    const data = new Uint8Array(head.length + text.length + photo.length);
    data.set(head, 0);
    data.set(text, head.length);
    data.set(photo, head.length + text.length);
    const frame = encodeResponse(SW3.ok, data);
    if (this.faults.delete('pulledMidRead')) {
      this.remove();
      return frame.slice(0, frame.length >> 1);
    }
    return frame;
  }

  private reply(frame: Uint8Array): void {
    if (this.faults.delete('badChecksum')) frame[frame.length - 1] = (frame[frame.length - 1] ?? 0) ^ 0xff;
    const out = () => {
      const size = this.options.chunkSize ?? frame.length;
      for (let i = 0; i < frame.length; i += size) this.send(frame.subarray(i, i + size));
    };
    if (this.faults.has('slow')) setTimeout(out, this.delayMs);
    else out();
  }
}

const hex = (b: number) => b.toString(16).padStart(2, '0');
