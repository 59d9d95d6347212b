import { describe, expect, it } from 'vitest';
import { announcement, readCardinal, readDigits } from './speech';

describe('Chinese number reading for announcements', () => {
  it('reads ticket digits one by one', () => {
    expect(readDigits('A001')).toBe('A零零一');
    expect(readDigits('B120')).toBe('B一二零');
  });
  it.each([
    [0, '零'],
    [3, '三'],
    [10, '十'],
    [12, '十二'],
    [20, '二十'],
    [35, '三十五'],
    [100, '一百'],
    [105, '一百零五'],
    [110, '一百一十'],
    [1001, '一千零一'],
  ])('reads %i as %s', (n, text) => expect(readCardinal(n)).toBe(text));
  it('builds the call sentence, and marks a recall', () => {
    expect(announcement('A001', 3)).toEqual({ text: '请 A001 号到 3 号窗口办理', speech: '请A零零一号，到三号窗口办理' });
    expect(announcement('C015', 12, true).speech).toBe('再次呼叫，请C零一五号，到十二号窗口办理');
  });
});
