import { describe, expect, it } from 'vitest';
import { businessDay, formatLabel } from './day';

describe('business day', () => {
  it('turns at the hall-local midnight, not at UTC midnight', () => {
    // 2026-03-01 15:59:59Z is 23:59:59 in Shanghai; one second later it is the next day there.
    expect(businessDay(Date.parse('2026-03-01T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-03-01');
    expect(businessDay(Date.parse('2026-03-01T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-03-02');
    expect(businessDay(Date.parse('2026-03-01T16:00:00Z'), 'UTC')).toBe('2026-03-01');
    expect(businessDay(Date.parse('2026-03-01T16:00:00Z'), 'Asia/Urumqi')).toBe('2026-03-01');
  });
  it('labels with three digits', () => {
    expect(formatLabel('A', 1)).toBe('A001');
    expect(formatLabel('B', 120)).toBe('B120');
  });
});
