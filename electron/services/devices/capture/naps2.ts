import { join } from 'node:path';

export interface Naps2ScanOptions {
  driver: 'twain' | 'wia';
  device: string;
  source: 'platen' | 'feeder';
  colorMode: 'color' | 'gray';
  dpi: number;
}

/**
 * NAPS2.Console arguments for one scan into `dir`, one JPEG per page (`--split`). NAPS2 is an
 * optional external tool on Windows for TWAIN/WIA scanners; its path comes from the settings.
 */
export function naps2ScanArgs(o: Naps2ScanOptions, dir: string): string[] {
  const args = ['--noprofile', '--driver', o.driver];
  if (o.device) args.push('--device', o.device);
  args.push('--source', o.source === 'feeder' ? 'feeder' : 'glass', '--pagesize', 'a4', '--dpi', String(o.dpi), '--bitdepth', o.colorMode === 'color' ? 'color' : 'gray', '--jpegquality', '80', '--split', '-f', '-o', join(dir, 'page-$(nnnn).jpg'));
  return args;
}

export const naps2ListArgs = (driver: 'twain' | 'wia'): string[] => ['--listdevices', '--driver', driver];
