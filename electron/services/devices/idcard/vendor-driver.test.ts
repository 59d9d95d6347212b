import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import koffi from 'koffi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardReadPayload } from '../../../../shared/contract/idcard';
import { encodeNewestAddress } from '../../../../shared/domain/idcard';
import { createAppServices } from '../../app';
import { fixtureById } from './fixtures';
import type { KoffiFn, LibraryHandle } from './ffi';
import { bmpToRgb } from './png';
import { loadPhotoDecoder } from './photo-decoder';
import { openVendorBackend } from './vendor-driver';

const source = join(import.meta.dirname, '../../../../test/support/idcard/fake-vendor.c');
const dir = mkdtempSync(join(tmpdir(), 'zhck-ffi-'));
const vendorLib = join(dir, 'libfakevendor.so');
const getBmpLib = join(dir, 'libfakewltrs.so');
let control: LibraryHandle;
let setCard: KoffiFn;
let setField: KoffiFn;

beforeAll(() => {
  execFileSync('gcc', ['-shared', '-fPIC', '-O1', '-o', vendorLib, source]);
  execFileSync('gcc', ['-shared', '-fPIC', '-O1', '-DONLY_GETBMP', '-o', getBmpLib, source]);
  // The same shared object the driver loads: dlopen hands back the one copy, so the test sets its card.
  control = koffi.load(vendorLib);
  setCard = control.func('void TEST_SetCard(const uint8_t *t, const uint8_t *p, const uint8_t *n, int present)');
  setField = control.func('void TEST_SetTermbField(int idx, const uint8_t *gbk, int len)');
});
afterAll(() => {
  control.unload();
  rmSync(dir, { recursive: true, force: true });
});

describe('vendor library driver through real FFI (koffi + a compiled C library)', () => {
  it('sdtapi: finds, reads text, photo and newest address', async () => {
    const f = fixtureById('residentLongTerm')!;
    setCard(f.text, f.photo, encodeNewestAddress('安徽省合肥市蜀山区长江西路100号'), 1);
    const backend = await openVendorBackend({ libraryPath: vendorLib, flavour: 'sdtapi', port: 1001, readNewestAddress: true });
    expect(await backend.find()).toBe(true);
    const read = await backend.read();
    expect(read.card).toMatchObject({ name: '李秀英', nation: '回', longTerm: true, validTo: null, newestAddress: '安徽省合肥市蜀山区长江西路100号' });
    expect(Buffer.from(read.photo!).equals(Buffer.from(f.photo))).toBe(true);
    setCard(f.text, f.photo, null, 0);
    expect(await backend.find()).toBe(false);
    await expect(backend.read()).rejects.toThrow('选取证/卡失败');
    await backend.close();
  });

  it('sdtapi: a wrong port is refused with a Chinese message', async () => {
    await expect(openVendorBackend({ libraryPath: vendorLib, flavour: 'sdtapi', port: 3, readNewestAddress: false })).rejects.toThrow('无法打开读卡器（端口 3）');
  });

  it('a missing library or a library without the functions is a Chinese error', async () => {
    await expect(openVendorBackend({ libraryPath: join(dir, 'nope.so'), flavour: 'sdtapi', port: 1001, readNewestAddress: false })).rejects.toThrow('无法加载读卡器厂商库');
    await expect(openVendorBackend({ libraryPath: getBmpLib, flavour: 'termb', port: 1001, readNewestAddress: false })).rejects.toThrow('版本不受支持');
  });

  it('termb: GBK getters become the same typed card', async () => {
    const f = fixtureById('resident')!;
    setCard(f.text, f.photo, null, 1);
    const values = ['张伟', '男', '汉', '19491231', '北京市西城区复兴门外大街1号院', '11010519491231002X', '北京市公安局西城分局', '20150301', '20350301', ' '];
    values.forEach((v, i) => {
      const b = iconv.encode(v, 'gbk');
      setField(i, b, b.length);
    });
    const backend = await openVendorBackend({ libraryPath: vendorLib, flavour: 'termb', port: 1001, readNewestAddress: false });
    expect(await backend.find()).toBe(true);
    const { card } = await backend.read();
    expect(card).toMatchObject({ cardType: 'resident', name: '张伟', gender: '男', genderCode: '1', nation: '汉', nationCode: '01', birthDate: '1949-12-31', idNumber: '11010519491231002X', validTo: '2035-03-01' });
    // A getter returning a broken date is refused as a whole, not half filled.
    const bad = iconv.encode('1949-13-31', 'gbk');
    setField(3, bad, bad.length);
    await expect(backend.read()).rejects.toThrow('出生日期不是有效日期');
    await backend.close();
  });

  it('photo decoders: unpack and GetBmp give a 102×126 PNG; an unlicensed decoder says so', async () => {
    const wlt = new Uint8Array(1024);
    wlt.set([0x57, 0x4c, 0x66, 0x00, 200, 100, 50]);
    for (const lib of [vendorLib, getBmpLib]) {
      const decoder = loadPhotoDecoder(lib);
      const url = await decoder.decode(wlt);
      expect(url.startsWith('data:image/png;base64,')).toBe(true);
      const png = Buffer.from(url.slice(22), 'base64');
      expect(png.readUInt32BE(16)).toBe(102);
      expect(png.readUInt32BE(20)).toBe(126);
      const bad = wlt.slice();
      bad[4] = 0xee;
      await expect(decoder.decode(bad)).rejects.toThrow('解码库与读卡器不匹配或软件未授权');
      decoder.close();
    }
  });

  it('the service runs the vendor driver from settings and attaches the decoded photo to idcard.cardRead', async () => {
    const data = mkdtempSync(join(tmpdir(), 'zhck-vendor-svc-'));
    const services = createAppServices({ dataDir: data, host: 'browser' });
    try {
      const reads: CardReadPayload[] = [];
      services.events.subscribe((name, p) => name === 'idcard.cardRead' && reads.push(p as CardReadPayload));
      const f = fixtureById('foreigner2023')!;
      setCard(f.text, f.photo, null, 1);
      services.settings.update({
        devices: { idcard: { ...services.settings.get().devices.idcard, driver: 'vendorLibrary', vendorFlavour: 'sdtapi', vendorLibraryPath: vendorLib, photoDecoderPath: vendorLib, port: '1001' } },
      });
      expect(services.idcard.status().driver).toBe('vendorLibrary');
      for (let i = 0; i < 500 && reads.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(reads[0]).toMatchObject({ cardType: 'foreigner2023', idNumber: '911840198506150118' });
      expect(reads[0]!.photoDataUrl).toMatch(/^data:image\/png;base64,/);
      expect(services.idcard.status()).toMatchObject({ state: 'ready', photoDecoder: true });
      await services.idcard.stop();
    } finally {
      services.close();
      rmSync(data, { recursive: true, force: true });
    }
  }, 30_000);

  it('bmpToRgb reads the bottom-up BGR rows the decoders write', () => {
    const w = 2, h = 2, stride = 8;
    const bmp = Buffer.alloc(54 + stride * h);
    bmp.write('BM', 0, 'ascii');
    bmp.writeUInt32LE(54, 10);
    bmp.writeInt32LE(w, 18);
    bmp.writeInt32LE(h, 22);
    bmp.writeUInt16LE(24, 28);
    bmp.set([1, 2, 3], 54); // bottom-left pixel, BGR
    const { rgb } = bmpToRgb(bmp);
    expect(Array.from(rgb.subarray(6, 9))).toEqual([3, 2, 1]);
  });
});
