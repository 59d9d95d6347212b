/** The read sequence of devices.md §1: find → select → read (`30 01`/`30 10`) → optional `30 03`. */
import { AppError } from '../../../../shared/contract/errors';
import { Cmd, encodeRequest, type IdCard, parseResponse, parseTextBlock, splitReadData, SW3, sw3Message } from '../../../../shared/domain/idcard';
import type { FrameTransport } from './transport';

export interface CardRead {
  card: IdCard;
  photo: Uint8Array | null;
}

/** What the polling loop needs from any reader: serial SAM or a vendor library. */
export interface ReaderBackend {
  /** true when a card is on the reader. */
  find(): Promise<boolean>;
  read(): Promise<CardRead>;
  close(): Promise<void>;
  readonly closed: boolean;
}

export const timeouts = { find: 500, select: 500, read: 2500, readFingerprint: 3500, newestAddress: 1500 };

const request = (c: readonly [number, number]) => encodeRequest(c[0], c[1]);

function deviceError(sw3: number): AppError {
  return new AppError('DEVICE', `读卡失败：${sw3Message(sw3)}。`, { hint: '请把证件拿开，平放在读卡区后再试。' });
}

export class SamReader implements ReaderBackend {
  constructor(
    private readonly transport: FrameTransport,
    private readonly options: { readFingerprint: boolean; readNewestAddress: boolean },
  ) {}

  get closed(): boolean {
    return this.transport.closed;
  }

  private async command(c: readonly [number, number], timeoutMs: number) {
    return parseResponse(await this.transport.exchange(request(c), timeoutMs));
  }

  async find(): Promise<boolean> {
    const r = await this.command(Cmd.find, timeouts.find);
    if (r.sw3 === SW3.findOk) return true;
    if (r.sw3 === SW3.findFailed) return false;
    throw deviceError(r.sw3);
  }

  async read(): Promise<CardRead> {
    const sel = await this.command(Cmd.select, timeouts.select);
    if (sel.sw3 !== SW3.ok) throw deviceError(sel.sw3);
    const fp = this.options.readFingerprint;
    const r = await this.command(fp ? Cmd.readWithFingerprint : Cmd.readBase, fp ? timeouts.readFingerprint : timeouts.read);
    if (r.sw3 !== SW3.ok) throw deviceError(r.sw3);
    const blocks = splitReadData(r.data);
    let newest: Uint8Array | null = null;
    if (this.options.readNewestAddress) {
      const a = await this.command(Cmd.readNewestAddress, timeouts.newestAddress);
      // 91: the card has no newest address; other failures lose only the extra, not the card.
      // Exactly 70 bytes: a late reply to another command must never be taken for an address.
      if (a.sw3 === SW3.ok && a.data.length === 70) newest = a.data;
    }
    return { card: parseTextBlock(blocks.text, { photo: blocks.photo, newestAddress: newest }), photo: blocks.photo };
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}
