import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCaseNo, parseCaseNo, queryPasswordFrom } from './case-number';

describe('受理号', () => {
  it('follows {区划6}{yyyyMMdd}{窗口2}{序号4}', () => {
    expect(formatCaseNo('330102', '2026-11-23', 3, 17)).toBe('330102202611230300' + '17');
    expect(formatCaseNo('330102', '2026-11-23', 3, 17)).toHaveLength(20);
  });
  it('round-trips through parse', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 9999 }), (w, s) => {
        expect(parseCaseNo(formatCaseNo('110105', '2027-01-04', w, s))).toEqual({ regionCode: '110105', day: '2027-01-04', windowNo: w, seq: s });
      }),
    );
  });
  it('refuses a bad region, window or an exhausted sequence in Chinese', () => {
    expect(() => formatCaseNo('3301', '2026-11-23', 1, 1)).toThrow(/6 位数字/);
    expect(() => formatCaseNo('330102', '2026-11-23', 100, 1)).toThrow(/窗口号/);
    expect(() => formatCaseNo('330102', '2026-11-23', 1, 10000)).toThrow(/已用完/);
  });
});

describe('查询密码', () => {
  it('is six digits, skipping biased bytes', () => {
    expect(queryPasswordFrom(new Uint8Array([250, 251, 1, 2, 3, 4, 5, 16]))).toBe('123456');
    expect(() => queryPasswordFrom(new Uint8Array([255, 1]))).toThrow();
  });
});
