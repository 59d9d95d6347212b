/**
 * The 256-byte 机读文字信息 block of the four card types a SAM reader returns, parsed into one
 * typed object. Layouts: devices.md §2. A block that does not make sense is refused as a whole
 * (typed AppError, Chinese message) so a form is never half filled from it.
 */
import { AppError } from '../../contract/errors';
import { checkForeigner2017Number, checkForeigner2023Number, checkResidentId, isoDate } from './numbers';
import { genders, nations } from './tables';

export type CardType = 'resident' | 'hkMacaoTaiwan' | 'foreigner2017' | 'foreigner2023';

export const cardTypeLabel: Record<CardType, string> = {
  resident: '居民身份证',
  hkMacaoTaiwan: '港澳台居民居住证',
  foreigner2017: '外国人永久居留身份证（2017 版）',
  foreigner2023: '外国人永久居留身份证（2023 版）',
};

export interface IdCard {
  cardType: CardType;
  /** 中文姓名 (empty for a foreigner card without one). */
  name: string;
  englishName: string | null;
  gender: string;
  genderCode: string;
  nation: string | null;
  nationCode: string | null;
  /** 国籍或地区代码 of foreigner cards. */
  nationality: string | null;
  birthDate: string;
  address: string | null;
  /** 最新住址 from `30 03`, when the card has one. */
  newestAddress: string | null;
  idNumber: string;
  /** 签发机关 (resident, J) or 受理机关代码 (2017 foreigner). */
  issuer: string | null;
  validFrom: string;
  validTo: string | null;
  longTerm: boolean;
  passNumber: string | null;
  issueCount: number | null;
  renewalCount: number | null;
  previousNumberLink: string | null;
  /** Base64 of the 1024-byte WLT photo; decoding needs a licensed library. */
  photoWlt: string | null;
  /** Things the clerk should check (unknown region code …); never a reason to refuse. */
  warnings: string[];
}

export const TEXT_BLOCK_BYTES = 256;
export const PHOTO_BYTES = 1024;
export const NEWEST_ADDRESS_BYTES = 70;

const refuse = (what: string) =>
  new AppError('BAD_REPLY', `证件信息无法识别：${what.replace(/。$/u, '')}。`, { hint: '请把证件拿开后重新放置；仍然出错请手工录入并核对原件。' });

const utf16 = new TextDecoder('utf-16le', { fatal: false });

/** A text field: UCS-2LE, right-padded with spaces (or NULs). */
function field(block: Uint8Array, offset: number, bytes: number, label: string): string {
  const s = trimPadding(utf16.decode(block.subarray(offset, offset + bytes)));
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Lone surrogates decode to U+FFFD; control characters never appear on a card.
    if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c === 0xfffd || (c >= 0xd800 && c <= 0xdfff)) throw refuse(`${label}含有无法识别的字符`);
  }
  return s;
}

/** Cards pad with spaces; older firmware with NULs. */
function trimPadding(s: string): string {
  let end = s.length;
  while (end > 0 && (s[end - 1] === ' ' || s[end - 1] === '\u0000' || s[end - 1] === '\u3000')) end--;
  let start = 0;
  while (start < end && s[start] === ' ') start++;
  return s.slice(start, end);
}

function date(block: Uint8Array, offset: number, label: string): string {
  const raw = field(block, offset, 16, label);
  const iso = isoDate(raw);
  if (!iso) throw refuse(`${label}不是有效日期`);
  return iso;
}

function validTo(block: Uint8Array): { validTo: string | null; longTerm: boolean } {
  const raw = field(block, 204, 16, '有效期截止日期');
  if (raw === '长期') return { validTo: null, longTerm: true };
  const iso = isoDate(raw);
  if (!iso) throw refuse('有效期截止日期不是有效日期');
  return { validTo: iso, longTerm: false };
}

function gender(block: Uint8Array, offset: number): { gender: string; genderCode: string } {
  const code = field(block, offset, 2, '性别');
  const label = genders[code];
  if (!label) throw refuse('性别代码无效');
  return { gender: label, genderCode: code };
}

function count(block: Uint8Array, offset: number, bytes: number, label: string): number | null {
  const s = field(block, offset, bytes, label);
  if (s === '') return null;
  if (!/^\d+$/.test(s)) throw refuse(`${label}不是数字`);
  return Number(s);
}

export function detectCardType(block: Uint8Array): CardType {
  const flag = block[248]!;
  if (block[249] !== 0) throw refuse('证件类型标识无效');
  // Older firmware zero-fills the reserve: treat NUL like the resident card's space.
  if (flag === 0x20 || flag === 0x00) return 'resident';
  if (flag === 0x4a) return 'hkMacaoTaiwan';
  if (flag === 0x49) return 'foreigner2017';
  if (flag === 0x59) return 'foreigner2023';
  throw refuse(`不支持的证件类型「${String.fromCharCode(flag)}」`);
}

export interface CardExtras {
  photo?: Uint8Array | null;
  newestAddress?: Uint8Array | null;
}

export function parseTextBlock(block: Uint8Array, extras: CardExtras = {}): IdCard {
  if (block.length !== TEXT_BLOCK_BYTES) throw refuse(`文字信息应为 256 字节，实际 ${block.length} 字节`);
  if (extras.photo && extras.photo.length !== PHOTO_BYTES) throw refuse('相片数据长度不符');
  const cardType = detectCardType(block);
  const base = {
    newestAddress: extras.newestAddress ? field(extras.newestAddress, 0, NEWEST_ADDRESS_BYTES, '最新住址') || null : null,
    photoWlt: extras.photo ? toBase64(extras.photo) : null,
    validFrom: date(block, 188, '有效期起始日期'),
    ...validTo(block),
  };
  const warnings: string[] = [];
  let card: IdCard;
  if (cardType === 'resident' || cardType === 'hkMacaoTaiwan') {
    const idNumber = field(block, 122, 36, '公民身份号码');
    const check = checkResidentId(idNumber);
    if (!/^\d{17}[\dX]$/.test(idNumber) || !check.ok) throw refuse(check.errors[0] ?? '公民身份号码格式错误');
    warnings.push(...check.warnings);
    const nationCode = cardType === 'resident' ? field(block, 32, 4, '民族') : '';
    if (cardType === 'resident' && !nations[nationCode]) throw refuse('民族代码无效');
    card = {
      cardType,
      name: requireText(field(block, 0, 30, '姓名'), '姓名'),
      englishName: null,
      ...gender(block, 30),
      nation: cardType === 'resident' ? nations[nationCode]! : null,
      nationCode: cardType === 'resident' ? nationCode : null,
      nationality: null,
      birthDate: date(block, 36, '出生日期'),
      address: field(block, 52, 70, '住址'),
      idNumber,
      issuer: field(block, 158, 30, '签发机关'),
      passNumber: cardType === 'hkMacaoTaiwan' ? field(block, 220, 18, '通行证号码') || null : null,
      issueCount: cardType === 'hkMacaoTaiwan' ? count(block, 238, 4, '签发次数') : null,
      renewalCount: null,
      previousNumberLink: null,
      ...base,
      warnings,
    };
  } else if (cardType === 'foreigner2017') {
    const idNumber = field(block, 122, 30, '永久居留证号码');
    const check = checkForeigner2017Number(idNumber);
    if (!check.ok) throw refuse(check.errors[0]!);
    warnings.push(...check.warnings);
    card = {
      cardType,
      name: field(block, 158, 30, '中文姓名'),
      englishName: requireText(field(block, 0, 120, '英文姓名'), '英文姓名'),
      ...gender(block, 120),
      nation: null,
      nationCode: null,
      nationality: field(block, 152, 6, '国籍代码'),
      birthDate: date(block, 220, '出生日期'),
      address: null,
      idNumber,
      issuer: field(block, 240, 8, '受理机关代码') || null,
      passNumber: null,
      issueCount: null,
      renewalCount: null,
      previousNumberLink: null,
      ...base,
      warnings,
    };
  } else {
    const idNumber = field(block, 122, 36, '证件号码');
    const check = checkForeigner2023Number(idNumber);
    if (!check.ok) throw refuse(check.errors[0]!);
    warnings.push(...check.warnings);
    const english = field(block, 52, 70, '英文姓名') + field(block, 220, 22, '英文姓名');
    card = {
      cardType,
      name: field(block, 0, 30, '中文姓名'),
      englishName: requireText(english, '英文姓名'),
      ...gender(block, 30),
      nation: null,
      nationCode: null,
      nationality: field(block, 242, 6, '国籍代码'),
      birthDate: date(block, 36, '出生日期'),
      address: null,
      idNumber,
      issuer: null,
      passNumber: null,
      issueCount: null,
      renewalCount: count(block, 32, 4, '换证次数'),
      previousNumberLink: field(block, 250, 6, '既往证件号码关联项') || null,
      ...base,
      warnings,
    };
  }
  if (!card.name && !card.englishName) throw refuse('姓名为空');
  return card;
}

function requireText(s: string, label: string): string {
  if (!s) throw refuse(`${label}为空`);
  return s;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}
