import type { CalendarException } from './working-days';

/**
 * Bundled 节假日 for when the platform has not yet delivered a calendar. 2026 follows the State
 * Council's notice (国办发明电〔2025〕7号). 2027 is an estimate built from the lunar dates and the
 * usual pattern, marked as such: the platform's calendar dataset replaces it when it arrives.
 */
const span = (from: string, to: string, name: string): CalendarException[] => {
  const out: CalendarException[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d = new Date(d.getTime() + 86_400_000)) {
    out.push({ date: d.toISOString().slice(0, 10), kind: 'holiday', name });
  }
  return out;
};
const work = (date: string, name: string): CalendarException => ({ date, kind: 'workday', name: `${name}调休上班` });

export const bundledHolidays2026: CalendarException[] = [
  ...span('2026-01-01', '2026-01-03', '元旦'),
  work('2026-01-04', '元旦'),
  work('2026-02-14', '春节'),
  ...span('2026-02-15', '2026-02-23', '春节'),
  work('2026-02-28', '春节'),
  ...span('2026-04-04', '2026-04-06', '清明节'),
  ...span('2026-05-01', '2026-05-05', '劳动节'),
  work('2026-05-09', '劳动节'),
  ...span('2026-06-19', '2026-06-21', '端午节'),
  work('2026-09-20', '国庆节'),
  ...span('2026-09-25', '2026-09-27', '中秋节'),
  ...span('2026-10-01', '2026-10-07', '国庆节'),
  work('2026-10-10', '国庆节'),
];

export const estimatedHolidays2027: CalendarException[] = [
  ...span('2027-01-01', '2027-01-03', '元旦'),
  ...span('2027-02-05', '2027-02-13', '春节'),
  work('2027-02-20', '春节'),
  ...span('2027-04-03', '2027-04-05', '清明节'),
  ...span('2027-05-01', '2027-05-05', '劳动节'),
  ...span('2027-06-09', '2027-06-11', '端午节'),
  ...span('2027-09-15', '2027-09-17', '中秋节'),
  ...span('2027-10-01', '2027-10-07', '国庆节'),
  work('2027-09-26', '国庆节'),
  work('2027-10-09', '国庆节'),
];
