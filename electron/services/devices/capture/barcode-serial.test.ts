import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { SerialPort } from 'serialport';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../../test/support/tmp';
import { createAppServices } from '../../app';
import { decodePayload, SerialBarcodeReader } from './barcode-serial';

const tmp = makeTempDir();
let socat: ChildProcess | null = null;
afterAll(() => {
  socat?.kill();
  tmp.cleanup();
});

async function ptyPair(name = 'p'): Promise<[string, string]> {
  const a = join(tmp.dir, `${name}-scanner`);
  const b = join(tmp.dir, `${name}-client`);
  socat = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(existsSync(a) && existsSync(b)); i++) await new Promise((r) => setTimeout(r, 50));
  return [a, b];
}

describe('serial barcode scanner', () => {
  it('decodes UTF-8, else GBK', () => {
    expect(decodePayload(Buffer.from('营业执照 91110000MA01', 'utf8'))).toBe('营业执照 91110000MA01');
    expect(decodePayload(iconv.encode('北京市朝阳区政务服务中心', 'gbk'))).toBe('北京市朝阳区政务服务中心');
  });

  it('reads CR-ended Chinese codes over a real pty pair (socat)', async () => {
    const [scannerEnd, clientEnd] = await ptyPair();
    const codes: string[] = [];
    const reader = new SerialBarcodeReader(clientEnd, (c) => codes.push(c), () => undefined);
    await reader.open();
    const scanner = new SerialPort({ path: scannerEnd, baudRate: 9600 });
    await new Promise<void>((r) => scanner.on('open', () => r()));
    scanner.write(Buffer.concat([Buffer.from('预约码YY2026112300017\r', 'utf8'), iconv.encode('电子证照：不动产权证书\r', 'gbk'), Buffer.from('\r')]));
    for (let i = 0; i < 100 && codes.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(codes).toEqual(['预约码YY2026112300017', '电子证照：不动产权证书']);
    await reader.close();
    await new Promise<void>((r) => scanner.close(() => r()));
  });

  it('the app opens the port from the settings and emits capture.barcode; a bad port is a Chinese notice', async () => {
    const [scannerEnd, clientEnd] = await ptyPair('app');
    const app = createAppServices({ dataDir: join(tmp.dir, 'app'), host: 'browser' });
    const seen: unknown[] = [];
    app.events.subscribe((name, p) => (name === 'capture.barcode' || name === 'system.notice') && seen.push({ name, p }));
    try {
      app.settings.update({ devices: { barcode: { port: '/dev/no-such-scanner', baudRate: 9600 } } });
      for (let i = 0; i < 50 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(seen[0]).toMatchObject({ name: 'system.notice', p: { message: '扫码枪端口 /dev/no-such-scanner 打不开。' } });
      app.settings.update({ devices: { barcode: { port: clientEnd, baudRate: 9600 } } });
      await new Promise((r) => setTimeout(r, 200));
      const scanner = new SerialPort({ path: scannerEnd, baudRate: 9600 });
      await new Promise<void>((r) => scanner.on('open', () => r()));
      scanner.write('YY2026112300017\r');
      for (let i = 0; i < 100 && seen.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
      expect(seen[1]).toEqual({ name: 'capture.barcode', p: { code: 'YY2026112300017', kind: 'appointment' } });
      await new Promise<void>((r) => scanner.close(() => r()));
    } finally {
      app.close();
    }
  });
});
