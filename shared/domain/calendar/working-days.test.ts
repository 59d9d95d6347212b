import { describe, expect, it } from 'vitest';
import { bundledHolidays2026 } from './holidays';
import { WorkCalendar, correctionNoticeRule, daysIn, deadlineState, dueDate } from './working-days';

const cal = new WorkCalendar(bundledHolidays2026);

describe('working days', () => {
  it('knows weekends, holidays and 调休 workdays', () => {
    expect(cal.isWorkday('2026-11-23')).toBe(true); // Monday
    expect(cal.isWorkday('2026-11-22')).toBe(false); // Sunday
    expect(cal.isWorkday('2026-10-05')).toBe(false); // 国庆 Monday
    expect(cal.isWorkday('2026-10-10')).toBe(true); // 调休 Saturday
    expect(cal.describe('2026-10-10')?.name).toBe('国庆节调休上班');
  });

  it('counts from the day after and skips the National Day week', () => {
    expect(cal.addWorkingDays('2026-11-20', 1)).toBe('2026-11-23'); // Friday + 1 = Monday
    // Accepted Wed 2026-09-30: Oct 1–7 off, Thu 8, Fri 9, Sat 10 (调休) count.
    expect(cal.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    expect(dueDate(cal, '2026-09-30', 3, 'day')).toBe('2026-10-03');
  });

  it('pauses the clock during 特别程序', () => {
    const paused = daysIn('2026-11-24', '2026-11-26');
    expect(cal.addWorkingDays('2026-11-23', 5)).toBe('2026-11-30');
    expect(cal.addWorkingDays('2026-11-23', 5, paused)).toBe('2026-12-03');
    expect(cal.workingDaysBetween('2026-11-23', '2026-12-03', paused)).toBe(5);
    expect(cal.workingDaysBetween('2026-12-03', '2026-11-23')).toBe(-8);
  });

  it('applies the five-working-day 补正 notice rule of 行政许可法 §32', () => {
    const r = correctionNoticeRule(cal, '2026-11-20', '2026-11-25');
    expect(r.noticeDue).toBe('2026-11-27');
    expect(r.deemedAccepted).toBe(false);
    expect(r.workingDaysLeft).toBe(2);
    expect(correctionNoticeRule(cal, '2026-11-20', '2026-11-30').deemedAccepted).toBe(true);
  });

  it('marks near-due and overdue deadlines', () => {
    expect(deadlineState(cal, '2026-11-23', '2026-12-01').level).toBe('ok');
    expect(deadlineState(cal, '2026-11-23', '2026-11-25')).toEqual({ left: 2, level: 'near' });
    expect(deadlineState(cal, '2026-11-26', '2026-11-25').level).toBe('overdue');
  });
});
