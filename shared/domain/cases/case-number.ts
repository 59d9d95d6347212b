import { AppError } from '../../contract/errors';

/**
 * 受理号 `{区划6}{yyyyMMdd}{窗口2}{序号4}` (DESIGN.md §5): unique without coordination because the
 * window number is part of it and the sequence is per window per day.
 */
export function formatCaseNo(regionCode: string, day: string, windowNo: number, seq: number): string {
  if (!/^\d{6}$/.test(regionCode)) throw new AppError('RULE_VIOLATION', `区划代码「${regionCode}」应为 6 位数字。`, { rule: 'caseNo.region', hint: '请管理员在设置中填写本中心的 6 位区划代码。' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`bad day ${day}`);
  if (!Number.isInteger(windowNo) || windowNo < 1 || windowNo > 99) throw new AppError('RULE_VIOLATION', `窗口号 ${windowNo} 超出 1–99。`, { rule: 'caseNo.window', hint: '请管理员在设置中检查窗口号。' });
  if (!Number.isInteger(seq) || seq < 1 || seq > 9999)
    throw new AppError('RULE_VIOLATION', '本窗口今日受理号已用完（每日最多 9999 件）。', { rule: 'caseNo.sequence', hint: '请联系值班长改用其他窗口号继续受理。' });
  return `${regionCode}${day.replaceAll('-', '')}${String(windowNo).padStart(2, '0')}${String(seq).padStart(4, '0')}`;
}

export function parseCaseNo(caseNo: string): { regionCode: string; day: string; windowNo: number; seq: number } | null {
  const m = /^(\d{6})(\d{4})(\d{2})(\d{2})(\d{2})(\d{4})$/.exec(caseNo);
  if (!m) return null;
  return { regionCode: m[1]!, day: `${m[2]}-${m[3]}-${m[4]}`, windowNo: Number(m[5]), seq: Number(m[6]) };
}

/**
 * 查询密码: six digits from random bytes. Digits because applicants type it on phones and
 * self-service terminals; rejection sampling keeps every digit equally likely.
 */
export function queryPasswordFrom(random: Uint8Array): string {
  let out = '';
  for (const b of random) {
    if (b >= 250) continue;
    out += String(b % 10);
    if (out.length === 6) return out;
  }
  throw new Error('not enough random bytes for a 查询密码');
}
