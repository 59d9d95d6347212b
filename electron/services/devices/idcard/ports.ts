/**
 * Serial port discovery. serialport's list() needs `udevadm` on Linux, which containers and
 * stripped-down desktops lack; then we list the device nodes ourselves and the clerk can still
 * type any path (the settings field is free text).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SerialPort } from 'serialport';

export interface PortInfo {
  path: string;
  description: string;
}

const serialNode = /^tty(USB|ACM|S|AMA|XRUSB|CH343USB)\d+$/;

export function listDeviceNodes(dev = '/dev'): PortInfo[] {
  const out: PortInfo[] = [];
  try {
    for (const name of readdirSync(join(dev, 'serial', 'by-id'))) out.push({ path: join(dev, 'serial', 'by-id', name), description: name });
  } catch {
    // no by-id folder without udev
  }
  try {
    for (const name of readdirSync(dev).filter((n) => serialNode.test(n)).sort()) {
      out.push({ path: join(dev, name), description: name.startsWith('ttyUSB') ? 'USB 转串口' : name.startsWith('ttyACM') ? 'USB 串口' : '串口' });
    }
  } catch {
    // not a Unix machine
  }
  return out;
}

export async function listPorts(): Promise<{ ports: PortInfo[]; note?: string }> {
  try {
    const ports = await SerialPort.list();
    return { ports: ports.map((p) => ({ path: p.path, description: [p.manufacturer, p.vendorId && `${p.vendorId}:${p.productId}`].filter(Boolean).join(' ') || '串口' })) };
  } catch {
    return { ports: listDeviceNodes(), note: '本机无法自动识别串口设备（缺少 udevadm），下面列出的是系统中的串口节点；也可以直接填写串口路径。' };
  }
}
