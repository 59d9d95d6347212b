import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { listDeviceNodes } from './ports';

it('without udev, serial device nodes and by-id links are still listed', () => {
  const dev = mkdtempSync(join(tmpdir(), 'zhck-dev-'));
  try {
    for (const n of ['ttyUSB0', 'ttyACM1', 'ttyS0', 'tty1', 'null', 'ttyprintk']) writeFileSync(join(dev, n), '');
    mkdirSync(join(dev, 'serial', 'by-id'), { recursive: true });
    writeFileSync(join(dev, 'serial', 'by-id', 'usb-1a86_USB_Serial-if00-port0'), '');
    expect(listDeviceNodes(dev)).toEqual([
      { path: join(dev, 'serial', 'by-id', 'usb-1a86_USB_Serial-if00-port0'), description: 'usb-1a86_USB_Serial-if00-port0' },
      { path: join(dev, 'ttyACM1'), description: 'USB 串口' },
      { path: join(dev, 'ttyS0'), description: '串口' },
      { path: join(dev, 'ttyUSB0'), description: 'USB 转串口' },
    ]);
    expect(listDeviceNodes(join(dev, 'missing'))).toEqual([]);
  } finally {
    rmSync(dev, { recursive: true, force: true });
  }
});
