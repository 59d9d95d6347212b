/**
 * Readers driven through the vendor's own library (koffi FFI): the 公安部一所 sdtapi family and
 * 华视 termb (CVR_*). Both end in the same typed card: sdtapi hands back the raw 256-byte text
 * block; termb's getters are written into such a block so the one parser checks every card.
 */
import iconv from 'iconv-lite';
import { AppError } from '../../../../shared/contract/errors';
import { type CardType, encodeTextBlock, type FieldWrites, genders, nations, parseTextBlock, SW3, sw3Message } from '../../../../shared/domain/idcard';
import { callAsync as call, callingConvention, type KoffiFn, type LibraryHandle, loadVendorLibrary } from './ffi';
import type { CardRead, ReaderBackend } from './sam-reader';

export type VendorFlavour = 'sdtapi' | 'termb';

export interface VendorOptions {
  libraryPath: string;
  flavour: VendorFlavour;
  /** sdtapi: 1–16 serial COM, 1001–1016 USB; termb: 1–16 COM, 1001– USB. */
  port: number;
  readNewestAddress: boolean;
}

const cc = callingConvention;
type Fn = KoffiFn;

function bind(lib: LibraryHandle, decl: string): Fn {
  try {
    return lib.func(cc ? decl.replace(/^(\w+ )/, `$1${cc}`) : decl);
  } catch (error) {
    throw new AppError('DEVICE', '读卡器厂商库的版本不受支持（缺少所需的函数）。', { hint: '请确认设置中选择的厂商库类型与文件一致。', cause: error });
  }
}

const fault = (what: string, code: number) => new AppError('DEVICE', `读卡失败：${what}（${sw3Message(code)}）。`, { hint: '请把证件拿开，平放在读卡区后再试。' });

export async function openSdtapi(options: VendorOptions): Promise<ReaderBackend> {
  const lib = loadVendorLibrary(options.libraryPath);
  const f = {
    open: bind(lib, 'int SDT_OpenPort(int iPort)'),
    close: bind(lib, 'int SDT_ClosePort(int iPort)'),
    find: bind(lib, 'int SDT_StartFindIDCard(int iPort, uint8_t *pucIIN, int iIfOpen)'),
    select: bind(lib, 'int SDT_SelectIDCard(int iPort, uint8_t *pucSN, int iIfOpen)'),
    read: bind(lib, 'int SDT_ReadBaseMsg(int iPort, uint8_t *pucCHMsg, _Out_ uint32_t *puiCHMsgLen, uint8_t *pucPHMsg, _Out_ uint32_t *puiPHMsgLen, int iIfOpen)'),
    newest: bind(lib, 'int SDT_ReadNewAppMsg(int iPort, uint8_t *pucAppMsg, _Out_ uint32_t *puiAppMsgLen, int iIfOpen)'),
  };
  const port = options.port;
  const opened = await call(f.open, port);
  if (opened !== SW3.ok) {
    lib.unload();
    throw new AppError('DEVICE', `无法打开读卡器（端口 ${port}）：${sw3Message(opened)}。`, { hint: '请确认读卡器已插好，端口号正确（USB 读卡器一般为 1001）。' });
  }
  let closed = false;
  return {
    get closed() {
      return closed;
    },
    async find() {
      const r = await call(f.find, port, Buffer.alloc(4), 0);
      if (r === SW3.findOk) return true;
      if (r === SW3.findFailed) return false;
      // The library says the port is gone: let the loop reopen it.
      if (r === 1 || r === 2 || r === 3) closed = true;
      throw fault('寻找证件', r);
    },
    async read(): Promise<CardRead> {
      const s = await call(f.select, port, Buffer.alloc(8), 0);
      if (s !== SW3.ok) throw fault('选取证件', s);
      const ch = Buffer.alloc(512);
      const ph = Buffer.alloc(2048);
      const chLen = [0];
      const phLen = [0];
      const r = await call(f.read, port, ch, chLen, ph, phLen, 0);
      if (r !== SW3.ok) throw fault('读取证件信息', r);
      if (chLen[0] !== 256) throw new AppError('BAD_REPLY', `读卡器厂商库返回的文字信息长度异常（${chLen[0]} 字节）。`, { hint: '请重新放置证件再试。' });
      const photo = phLen[0] === 1024 ? new Uint8Array(ph.subarray(0, 1024)) : null;
      let newest: Uint8Array | null = null;
      if (options.readNewestAddress) {
        const buf = Buffer.alloc(256);
        const len = [0];
        if ((await call(f.newest, port, buf, len, 0)) === SW3.ok && (len[0] ?? 0) >= 70) newest = new Uint8Array(buf.subarray(0, 70));
      }
      return { card: parseTextBlock(new Uint8Array(ch.subarray(0, 256)), { photo, newestAddress: newest }), photo };
    },
    async close() {
      if (closed) return;
      closed = true;
      await call(f.close, port).catch(() => undefined);
      lib.unload();
    },
  };
}

/** termb getters hand back GBK text in a caller's buffer with its length. */
function getter(lib: LibraryHandle, name: string): ((...a: unknown[]) => Promise<string>) | null {
  let fn: Fn;
  try {
    fn = lib.func(`int ${cc}${name}(uint8_t *buf, _Inout_ int *len)`);
  } catch {
    return null; // older termb builds lack the newer getters
  }
  return async () => {
    const buf = Buffer.alloc(256);
    const len = [buf.length];
    const ok = await call(fn, buf, len);
    if (ok !== 1) return '';
    const n = Math.max(0, Math.min(buf.length, len[0] ?? 0));
    const raw = buf.subarray(0, n);
    const end = raw.indexOf(0);
    return iconv.decode(end >= 0 ? raw.subarray(0, end) : raw, 'gbk').trim();
  };
}

const reverse = (table: Record<string, string>) => Object.fromEntries(Object.entries(table).map(([k, v]) => [v, k]));
const genderCodes = reverse(genders);
const nationCodes = reverse(nations);
const digits = (s: string) => (s === '长期' ? s : s.replace(/\D/g, ''));

export async function openTermb(options: VendorOptions): Promise<ReaderBackend> {
  const lib = loadVendorLibrary(options.libraryPath);
  const f = {
    init: bind(lib, 'int CVR_InitComm(int port)'),
    auth: bind(lib, 'int CVR_Authenticate()'),
    read: bind(lib, 'int CVR_Read_Content(int active)'),
    close: bind(lib, 'int CVR_CloseComm()'),
  };
  const names = ['GetPeopleName', 'GetPeopleSex', 'GetPeopleNation', 'GetNationCode', 'GetPeopleBirthday', 'GetPeopleAddress', 'GetPeopleIDCode', 'GetDepartment', 'GetStartDate', 'GetEndDate', 'GetCertType', 'GetPassCheckID', 'GetIssuesNum'] as const;
  const get = Object.fromEntries(names.map((n) => [n, getter(lib, n)])) as Record<(typeof names)[number], ReturnType<typeof getter>>;
  if ((await call(f.init, options.port)) !== 1) {
    lib.unload();
    throw new AppError('DEVICE', `无法打开读卡器（端口 ${options.port}）。`, { hint: '请确认读卡器已插好，端口号正确（USB 读卡器一般为 1001）。' });
  }
  let closed = false;
  const text = async (n: (typeof names)[number]) => (get[n] ? get[n]!() : '');
  return {
    get closed() {
      return closed;
    },
    async find() {
      return (await call(f.auth)) === 1;
    },
    async read(): Promise<CardRead> {
      if ((await call(f.read, 4)) !== 1) throw new AppError('DEVICE', '读卡失败：读证/卡操作失败。', { hint: '请把证件拿开，平放在读卡区后再试。' });
      const certType = (await text('GetCertType')).toUpperCase();
      const cardType: CardType = certType === 'J' ? 'hkMacaoTaiwan' : 'resident';
      if (certType === 'I' || certType === 'Y')
        throw new AppError('DEVICE', '此厂商库读取外国人永久居留身份证的接口尚未接入。', { hint: '请在设置中改用串口（SAM）方式读卡，或手工录入并核对原件。' });
      const sex = await text('GetPeopleSex');
      const nationName = (await text('GetPeopleNation')).replace(/族$/, '');
      const fields: FieldWrites = [
        [0, 30, await text('GetPeopleName')],
        [30, 2, genderCodes[sex] ?? sex],
        [36, 16, digits(await text('GetPeopleBirthday'))],
        [52, 70, await text('GetPeopleAddress')],
        [122, 36, await text('GetPeopleIDCode')],
        [158, 30, await text('GetDepartment')],
        [188, 16, digits(await text('GetStartDate'))],
        [204, 16, digits(await text('GetEndDate'))],
      ];
      if (cardType === 'resident') fields.push([32, 4, (await text('GetNationCode')) || nationCodes[nationName] || nationName]);
      else fields.push([220, 18, await text('GetPassCheckID')], [238, 4, await text('GetIssuesNum')]);
      let block: Uint8Array;
      try {
        block = encodeTextBlock(cardType, fields);
      } catch {
        throw new AppError('BAD_REPLY', '读卡器厂商库返回的证件信息超出长度。', { hint: '请重新放置证件再试。' });
      }
      return { card: parseTextBlock(block), photo: null };
    },
    async close() {
      if (closed) return;
      closed = true;
      await call(f.close).catch(() => undefined);
      lib.unload();
    },
  };
}

export function openVendorBackend(options: VendorOptions): Promise<ReaderBackend> {
  return options.flavour === 'termb' ? openTermb(options) : openSdtapi(options);
}
