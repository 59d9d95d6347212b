import { classifyCode } from '../../../shared/domain/barcode';
import type { Settings } from '../../../shared/contract/settings';
import { SerialBarcodeReader } from '../devices/capture/barcode-serial';
import type { EventHub } from '../events';
import type { Logger } from '../log';

/** Keeps the serial scan gun of the settings open and turns its lines into `capture.barcode` events. */
export class BarcodeService {
  private reader: SerialBarcodeReader | null = null;
  private current = '';

  constructor(
    private readonly events: EventHub,
    private readonly log: Logger,
  ) {}

  async apply(settings: Settings): Promise<void> {
    const { port, baudRate } = settings.devices.barcode;
    const key = port ? `${port}@${baudRate}` : '';
    if (key === this.current) return;
    this.current = key;
    await this.reader?.close();
    this.reader = null;
    if (!port) return;
    const reader = new SerialBarcodeReader(
      port,
      (code) => this.events.emit('capture.barcode', { code, kind: classifyCode(code) }),
      (message) => this.events.emit('system.notice', { level: 'warning', message, hint: '插好扫码枪后，在设置里重新保存一次扫码枪端口。' }),
      baudRate,
    );
    try {
      await reader.open();
      this.reader = reader;
    } catch (error) {
      this.current = '';
      this.log.warn('barcode port failed', { port, error: String((error as Error)?.message) });
      this.events.emit('system.notice', { level: 'warning', message: `扫码枪端口 ${port} 打不开。`, hint: '请检查扫码枪是否插好、是否设为 USB 串口模式，以及设置里的端口是否正确。' });
    }
  }

  close(): Promise<void> {
    this.current = '';
    const r = this.reader;
    this.reader = null;
    return r ? r.close() : Promise.resolve();
  }
}
