import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../../test/support/tmp';
import { imageInfo } from '../../blobs/image-info';
import { naps2ListArgs, naps2ScanArgs } from './naps2';
import { parseDeviceList, pickSource, SaneScanner, scanArgs } from './sane';

const tmp = makeTempDir();
afterAll(tmp.cleanup);
// Only the test backend, so a developer's real scanners are never touched.
const conf = join(tmp.dir, 'conf');
mkdirSync(conf);
writeFileSync(join(conf, 'dll.conf'), 'test\n');
const sane = () => new SaneScanner({ ...process.env, SANE_CONFIG_DIR: conf });

describe('SANE through scanimage, against the real test backend', () => {
  it('lists the test devices and reads their options', async () => {
    const devices = await sane().list();
    expect(devices.map((d) => d.name)).toContain('test:0');
    const opts = await sane().options('test:0');
    expect(pickSource(opts, 'feeder')).toBe('Automatic Document Feeder');
    expect(pickSource(opts, 'platen')).toBe('Flatbed');
  });

  it('scans one flatbed page as JPEG at the asked resolution', async () => {
    const dir = join(tmp.dir, 'flatbed');
    mkdirSync(dir);
    const r = await sane().scan({ device: 'test:0', source: 'platen', colorMode: 'gray', dpi: 50 }, dir);
    expect(r.problem).toBeNull();
    expect(r.pages).toHaveLength(1);
    expect(imageInfo(r.pages[0]!)).toMatchObject({ mime: 'image/jpeg' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('scans the feeder until it is empty (the test backend holds 10 sheets)', async () => {
    const dir = join(tmp.dir, 'adf');
    mkdirSync(dir);
    const r = await sane().scan({ device: 'test:0', source: 'feeder', colorMode: 'gray', dpi: 25 }, dir);
    expect(r.problem).toBeNull();
    expect(r.pages).toHaveLength(10);
  }, 60_000);

  it('reports a jam from the backend in Chinese', async () => {
    // The test backend's reader process sometimes never finishes a jammed read when the machine is
    // busy (scanimage then hangs, as a real stuck scanner would): that run ends with the
    // no-answer message, and the jam is asked for again.
    const messages: string[] = [];
    for (let attempt = 0; attempt < 3 && !messages.includes('扫描仪卡纸了。'); attempt++) {
      const dir = join(tmp.dir, `jam-${attempt}`);
      mkdirSync(dir);
      const err = await new SaneScanner({ ...process.env, SANE_CONFIG_DIR: conf }, 'scanimage', 10_000)
        .scan({ device: 'test:0', source: 'platen', colorMode: 'gray', dpi: 25, extra: ['--read-return-value', 'SANE_STATUS_JAMMED'] }, dir)
        .then(() => null, (e: Error) => e);
      messages.push(err?.message ?? '');
    }
    expect(messages.at(-1)).toBe('扫描仪卡纸了。');
    expect(messages.every((m) => m === '扫描仪卡纸了。' || m === '扫描仪长时间没有响应，本次扫描已停止。')).toBe(true);
  }, 60_000);

  it('says scanimage is missing in Chinese', async () => {
    const err = await new SaneScanner(process.env, 'scanimage-not-installed').list().then(() => null, (e: Error) => e);
    expect(err?.message).toMatch(/没有安装 SANE/);
  });

  it('parses the device list format and builds batch arguments', () => {
    expect(parseDeviceList('test:0\tNoname\tfrontend-tester\tvirtual device\n')).toEqual([{ name: 'test:0', vendor: 'Noname', model: 'frontend-tester', type: 'virtual device' }]);
    expect(scanArgs({ device: 'x', source: 'platen', colorMode: 'color', dpi: 300 }, '/t', 'Flatbed')).toEqual(['-d', 'x', '--format=jpeg', '--batch=/t/page-%04d.jpg', '--resolution', '300', '--mode', 'Color', '--source', 'Flatbed', '--batch-count=1']);
  });
});

describe('NAPS2 console arguments', () => {
  it('builds a TWAIN feeder scan with one JPEG per page', () => {
    expect(naps2ScanArgs({ driver: 'twain', device: 'Fujitsu fi-7160', source: 'feeder', colorMode: 'gray', dpi: 300 }, 'C:\\tmp\\scan')).toEqual([
      '--noprofile', '--driver', 'twain', '--device', 'Fujitsu fi-7160', '--source', 'feeder', '--pagesize', 'a4', '--dpi', '300', '--bitdepth', 'gray', '--jpegquality', '80', '--split', '-f', '-o', join('C:\\tmp\\scan', 'page-$(nnnn).jpg'),
    ]);
    expect(naps2ScanArgs({ driver: 'wia', device: '', source: 'platen', colorMode: 'color', dpi: 200 }, '/t')).toContain('glass');
    expect(naps2ScanArgs({ driver: 'wia', device: '', source: 'platen', colorMode: 'color', dpi: 200 }, '/t')).not.toContain('--device');
    expect(naps2ListArgs('wia')).toEqual(['--listdevices', '--driver', 'wia']);
  });
});
