/** A serial port (or pty) at the SAM module's 115200 8N1, as a ByteLink. */
import { SerialPort } from 'serialport';
import { AppError } from '../../../../shared/contract/errors';
import type { ByteLink } from './transport';

export async function openSerialLink(path: string): Promise<ByteLink> {
  const port = new SerialPort({ path, baudRate: 115200, dataBits: 8, parity: 'none', stopBits: 1, autoOpen: false });
  await new Promise<void>((resolve, reject) =>
    port.open((err) =>
      err
        ? reject(new AppError('DEVICE', `无法打开读卡器串口 ${path}。`, { hint: '请确认串口号正确、读卡器已插好，且没有被其他程序占用。', cause: err }))
        : resolve(),
    ),
  );
  let closing = false;
  return {
    write: (bytes) => {
      port.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
    onData: (fn) => port.on('data', (b: Buffer) => fn(new Uint8Array(b.buffer, b.byteOffset, b.byteLength))),
    onClose: (fn) => {
      port.on('close', () => fn(closing ? 'closed' : 'unplugged'));
      port.on('error', () => fn('error'));
    },
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        if (!port.isOpen) return resolve();
        port.close(() => resolve());
      }),
  };
}
