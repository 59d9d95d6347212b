import iconv from 'iconv-lite';
import { ReadlineParser, SerialPort } from 'serialport';

/**
 * A scanner in USB-COM (virtual serial) mode: the only way to read Chinese QR payloads
 * reliably, because a keyboard wedge depends on the keyboard layout. One code per CR-ended line;
 * UTF-8 when the bytes are valid UTF-8, otherwise GBK (older government QR codes).
 */
export function decodePayload(bytes: Buffer): string {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  try {
    return utf8.decode(bytes).trim();
  } catch {
    return iconv.decode(bytes, 'gbk').trim();
  }
}

export class SerialBarcodeReader {
  private port: SerialPort | null = null;

  constructor(
    private readonly path: string,
    private readonly onCode: (code: string) => void,
    private readonly onProblem: (message: string) => void,
    private readonly baudRate = 9600,
  ) {}

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const port = new SerialPort({ path: this.path, baudRate: this.baudRate, autoOpen: false });
      // Bytes, not strings: the decoder decides between UTF-8 and GBK per code.
      const lines = port.pipe(new ReadlineParser({ delimiter: '\r', encoding: 'latin1' as BufferEncoding }));
      lines.on('data', (line: string) => {
        const code = decodePayload(Buffer.from(line.replace(/^\n/, ''), 'latin1'));
        if (code) this.onCode(code);
      });
      port.on('close', () => this.port && this.onProblem('扫码枪已断开，请检查连接线。'));
      port.open((err) => {
        if (err) return reject(err);
        this.port = port;
        resolve();
      });
    });
  }

  close(): Promise<void> {
    const p = this.port;
    this.port = null;
    return new Promise((resolve) => (p && p.isOpen ? p.close(() => resolve()) : resolve()));
  }
}
