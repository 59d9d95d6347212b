import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPersonalData } from './redact';

describe('personal data masking', () => {
  it('keeps the first 6 and last 4 of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
  it('masks 18- and 15-digit numbers inside text, not other numbers', () => {
    expect(maskPersonalData('id=11010519491231002X, old=110105491231002, phone=13800138000, seq=12345678901234567'))
      .toBe('id=110105********002X, old=110105*****1002, phone=13800138000, seq=12345678901234567');
  });
});
