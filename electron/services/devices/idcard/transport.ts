/**
 * Request/reply over a byte stream: one outstanding command at a time, a timeout per command,
 * frames reassembled by SamStreamDecoder. The same class serves a serial port, a pty or any
 * duplex that delivers chunks.
 */
import { AppError } from '../../../../shared/contract/errors';
import { SamStreamDecoder } from '../../../../shared/domain/idcard';

export interface ByteLink {
  write(bytes: Uint8Array): void;
  onData(fn: (chunk: Uint8Array) => void): void;
  onClose(fn: (reason: string) => void): void;
  close(): Promise<void>;
}

export interface Exchange {
  (request: Uint8Array, timeoutMs: number): Promise<Uint8Array>;
}

export class FrameTransport {
  private readonly decoder = new SamStreamDecoder();
  private pending: { resolve: (f: Uint8Array) => void; reject: (e: unknown) => void; timer: ReturnType<typeof setTimeout> } | null = null;
  private closedReason: string | null = null;
  /** performance.now() when the last complete reply frame arrived (for the latency benchmark). */
  lastFrameAt = 0;

  constructor(private readonly link: ByteLink) {
    link.onData((chunk) => this.onChunk(chunk));
    link.onClose((reason) => {
      this.closedReason = reason;
      this.fail(new AppError('DEVICE', '读卡器连接已断开。', { hint: '请检查读卡器的数据线；重新插好后会自动连接。' }));
    });
  }

  get closed(): boolean {
    return this.closedReason !== null;
  }

  exchange(request: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
    if (this.closedReason !== null) return Promise.reject(new AppError('DEVICE', '读卡器连接已断开。', { hint: '请检查读卡器的数据线；重新插好后会自动连接。' }));
    if (this.pending) return Promise.reject(new AppError('CONFLICT', '读卡器正忙。', { hint: '请稍候再试。' }));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = null;
        // A reply that arrives after its time must not be taken for the next command's.
        this.decoder.reset();
        reject(new AppError('TIMEOUT', '读卡器没有应答。', { hint: '请确认读卡器已接通电源并连接到本机；重新放置证件再试。' }));
      }, timeoutMs);
      this.pending = { resolve, reject, timer };
      try {
        this.link.write(request);
      } catch (error) {
        this.fail(new AppError('DEVICE', '无法向读卡器发送命令。', { hint: '请检查读卡器连接。', cause: error }));
      }
    });
  }

  private onChunk(chunk: Uint8Array): void {
    for (const item of this.decoder.push(chunk)) {
      const p = this.pending;
      if (!p) continue; // unsolicited bytes: nobody asked, nothing to answer
      this.pending = null;
      clearTimeout(p.timer);
      if (item.kind === 'badChecksum') p.reject(new AppError('BAD_REPLY', '读卡器返回的数据校验失败。', { hint: '请把证件拿开后重新放置；多次出现请检查读卡器连线。' }));
      else {
        this.lastFrameAt = performance.now();
        p.resolve(item.frame);
      }
    }
  }

  private fail(error: AppError): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    clearTimeout(p.timer);
    p.reject(error);
  }

  async close(): Promise<void> {
    this.fail(new AppError('DEVICE', '读卡器已关闭。'));
    this.closedReason ??= 'closed';
    await this.link.close();
  }
}
