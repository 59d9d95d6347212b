import { describe, expect, it } from 'vitest';
import { checkOptionCodes, gradeOptions, isBadGrade, type Grade } from './grades';

describe('好差评 grades', () => {
  it('every option code starts with its grade and there are eight per grade', () => {
    for (const g of [1, 2, 3, 4, 5] as Grade[]) {
      expect(gradeOptions[g]).toHaveLength(8);
      for (const o of gradeOptions[g]) expect(o.code[0]).toBe(String(g));
    }
  });
  it('差评 is grades 1 and 2 only; 未评价 is not a 差评', () => {
    expect([1, 2, 3, 4, 5, null].map((g) => isBadGrade(g))).toEqual([true, true, false, false, false, false]);
  });
  it('refuses codes of another grade and a 不满意 without a reason', () => {
    expect(checkOptionCodes(2, ['213'])).toBeNull();
    expect(checkOptionCodes(2, ['510'])).toMatch(/不属于/);
    expect(checkOptionCodes(2, [])).toMatch(/至少选择/);
    expect(checkOptionCodes(5, [])).toBeNull();
  });
});
