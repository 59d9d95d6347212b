/**
 * Number rules: 公民身份号码 (GB 11643), legacy 15-digit numbers, 外国人永久居留身份证 numbers of
 * 2017 and 2023, and 统一社会信用代码 (GB 32100). Problems that make a number impossible are
 * errors; what only looks unusual (an address code we do not know) is a warning.
 */

export interface NumberCheck {
  ok: boolean;
  /** Chinese sentences; non-empty when !ok. */
  errors: string[];
  warnings: string[];
}

const W11643 = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** ISO 7064 MOD 11-2 check character over the first 17 digits. */
export function gb11643CheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('first17 must be 17 digits');
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * W11643[i]!;
  return '10X98765432'[s % 11]!;
}

/** Valid calendar date from YYYYMMDD, as YYYY-MM-DD, or null. */
export function isoDate(yyyymmdd: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1800 || mo < 1 || mo > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > days) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/**
 * Province-level codes of GB/T 2260 as used in ID numbers since 1984 (including 81/82/83 of the
 * 港澳台居民居住证 and the abolished 四川 sub-codes that never existed). A full historical 6-digit
 * table can be plugged in through `regionKnown`.
 */
const provinces = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

export type RegionLookup = (code6: string) => boolean;

export interface ResidentIdCheck extends NumberCheck {
  birthDate: string | null;
  /** 1 男, 2 女: from the parity of the sequence number. */
  genderCode: '1' | '2' | null;
  /** The 18-digit form (15-digit input upgraded). */
  normalized: string | null;
}

export function checkResidentId(raw: string, options: { regionKnown?: RegionLookup; today?: string } = {}): ResidentIdCheck {
  const id = raw.trim().toUpperCase();
  const result: ResidentIdCheck = { ok: false, errors: [], warnings: [], birthDate: null, genderCode: null, normalized: null };
  let full: string;
  if (/^\d{15}$/.test(id)) {
    full = upgradeLegacyId(id);
    result.warnings.push('这是 15 位旧号码，已按规则换算为 18 位。');
  } else if (/^\d{17}[\dX]$/.test(id)) {
    full = id;
    const expected = gb11643CheckChar(id.slice(0, 17));
    if (expected !== id[17]) result.errors.push(`公民身份号码最后一位校验码应为 ${expected}，请核对号码。`);
  } else {
    result.errors.push('公民身份号码应为 18 位（最后一位可为 X），或 15 位旧号码。');
    return result;
  }
  const birth = isoDate(full.slice(6, 14));
  if (!birth) result.errors.push('公民身份号码中的出生日期无效。');
  else if (options.today && birth > options.today) result.errors.push('公民身份号码中的出生日期晚于今天。');
  const region = full.slice(0, 6);
  if (!provinces.has(region.slice(0, 2))) result.warnings.push(`地址码 ${region} 不在已知的省级行政区划中，请核对。`);
  else if (options.regionKnown && !options.regionKnown(region)) result.warnings.push(`地址码 ${region} 不在行政区划代码库中（可能已撤销），请核对。`);
  result.birthDate = birth;
  result.genderCode = Number(full[16]) % 2 === 1 ? '1' : '2';
  result.normalized = full;
  result.ok = result.errors.length === 0;
  return result;
}

/** GB 11643-1989 → 1999: insert the century and append the check character. */
export function upgradeLegacyId(id15: string): string {
  if (!/^\d{15}$/.test(id15)) throw new RangeError('id15 must be 15 digits');
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + gb11643CheckChar(first17);
}

/** ICAO 9303 7-3-1 check digit (the 2017 foreigner card uses it). */
export function mrzCheckDigit(s: string): number {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const v = c === '<' ? 0 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
    sum += v * weights[i % 3]!;
  }
  return sum % 10;
}

/** 2017 外国人永久居留身份证号码: nationality(3) + region(4) + YYMMDD + gender + check. */
export function checkForeigner2017Number(raw: string): NumberCheck {
  const n = raw.trim().toUpperCase();
  const r: NumberCheck = { ok: false, errors: [], warnings: [] };
  if (!/^[A-Z]{3}\d{12}$/.test(n)) {
    r.errors.push('2017 版永久居留身份证号码应为 3 位国籍字母加 12 位数字。');
    return r;
  }
  if (!provinces.has(n.slice(3, 5))) r.warnings.push(`受理地代码 ${n.slice(3, 7)} 不在已知的省级行政区划中，请核对。`);
  if (!/^\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/.test(n.slice(7, 13))) r.errors.push('号码中的出生日期无效。');
  if (mrzCheckDigit(n.slice(0, 14)) !== Number(n[14])) r.errors.push('号码最后一位校验码不符，请核对号码。');
  r.ok = r.errors.length === 0;
  return r;
}

/** 2023 外国人永久居留身份证号码: '9' + province(2) + nationality(3, numeric) + YYYYMMDD + seq(2) + gender + check. */
export function checkForeigner2023Number(raw: string): NumberCheck {
  const n = raw.trim().toUpperCase();
  const r: NumberCheck = { ok: false, errors: [], warnings: [] };
  if (!/^9\d{16}[\dX]$/.test(n)) {
    r.errors.push('2023 版永久居留身份证号码应为以 9 开头的 18 位号码。');
    return r;
  }
  if (!provinces.has(n.slice(1, 3))) r.warnings.push(`首次受理地代码 ${n.slice(1, 3)} 不在已知的省级行政区划中，请核对。`);
  if (!isoDate(n.slice(6, 14))) r.errors.push('号码中的出生日期无效。');
  if (gb11643CheckChar(n.slice(0, 17)) !== n[17]) r.errors.push('号码最后一位校验码不符，请核对号码。');
  r.ok = r.errors.length === 0;
  return r;
}

/** GB 32100 统一社会信用代码 alphabet: digits and capitals without I, O, Z, S, V. */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARS.indexOf(first17[i] ?? '?');
    if (v < 0) throw new RangeError('invalid USCC character');
    sum += v * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARS[(31 - (sum % 31)) % 31]!;
}

export function checkUscc(raw: string): NumberCheck {
  const code = raw.trim().toUpperCase();
  const r: NumberCheck = { ok: false, errors: [], warnings: [] };
  if (code.length !== 18 || [...code].some((c) => !USCC_CHARS.includes(c))) {
    r.errors.push('统一社会信用代码应为 18 位数字或大写字母（不含 I、O、Z、S、V）。');
    return r;
  }
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) r.errors.push('统一社会信用代码最后一位校验码不符，请核对。');
  if (!provinces.has(code.slice(2, 4))) r.warnings.push(`登记管理机关行政区划码 ${code.slice(2, 8)} 不在已知的省级行政区划中，请核对。`);
  r.ok = r.errors.length === 0;
  return r;
}

/** Whether a card whose 有效期限 ends on `validTo` (YYYY-MM-DD, null = 长期) has expired on `today`. */
export function isCardExpired(validTo: string | null, today: string): boolean {
  return validTo !== null && validTo < today;
}

/** Local calendar date as YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
