/**
 * Working days over the official calendar: Monday–Friday work unless a 法定节假日 says otherwise,
 * and 调休 weekend days work. Dates are hall-local `YYYY-MM-DD` strings; no time zones here.
 */
export interface CalendarException {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export class WorkCalendar {
  private readonly exceptions: Map<string, CalendarException>;

  constructor(exceptions: readonly CalendarException[]) {
    this.exceptions = new Map(exceptions.map((e) => [e.date, e]));
  }

  isWorkday(date: string): boolean {
    const e = this.exceptions.get(date);
    if (e) return e.kind === 'workday';
    const dow = weekday(date);
    return dow !== 0 && dow !== 6;
  }

  /** Name of the holiday or 调休 day, if any. */
  describe(date: string): CalendarException | undefined {
    return this.exceptions.get(date);
  }

  /**
   * The due date `n` working days after `start` (the start day itself does not count: a case
   * accepted on Friday with 1 working day is due on Monday). `paused` days (特别程序) are skipped.
   */
  addWorkingDays(start: string, n: number, paused: ReadonlySet<string> = new Set()): string {
    let d = start;
    let left = n;
    while (left > 0) {
      d = addDays(d, 1);
      if (this.isWorkday(d) && !paused.has(d)) left--;
    }
    return d;
  }

  /** Working days from `from` (exclusive) up to `to` (inclusive); negative when `to` is earlier. */
  workingDaysBetween(from: string, to: string, paused: ReadonlySet<string> = new Set()): number {
    if (from === to) return 0;
    const forward = from < to;
    let [a, b] = forward ? [from, to] : [to, from];
    let n = 0;
    while (a < b) {
      a = addDays(a, 1);
      if (this.isWorkday(a) && !paused.has(a)) n++;
    }
    b = a;
    return forward ? n : -n;
  }
}

/** Due date for a limit in working days or natural days (自然日). */
export function dueDate(cal: WorkCalendar, start: string, limit: number, unit: 'workday' | 'day', paused: ReadonlySet<string> = new Set()): string {
  if (unit === 'workday') return cal.addWorkingDays(start, limit, paused);
  let d = start;
  let left = limit;
  while (left > 0) {
    d = addDays(d, 1);
    if (!paused.has(d)) left--;
  }
  return d;
}

/** Every day from `start` to `end` inclusive: the span a 特别程序 paused the clock. */
export function daysIn(start: string, end: string): Set<string> {
  const out = new Set<string>();
  for (let d = start; d <= end; d = addDays(d, 1)) out.add(d);
  return out;
}

export function addDays(date: string, n: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/**
 * 行政许可法 §32(4): an incomplete application must get its 一次性告知 within five days of receipt
 * (read as working days, as halls apply it); if not, it counts as accepted from the day of
 * receipt. Returns the last day for the notice and whether the case is already deemed accepted.
 */
export function correctionNoticeRule(cal: WorkCalendar, receivedOn: string, today: string): { noticeDue: string; deemedAccepted: boolean; workingDaysLeft: number } {
  const noticeDue = cal.addWorkingDays(receivedOn, 5);
  return { noticeDue, deemedAccepted: today > noticeDue, workingDaysLeft: cal.workingDaysBetween(today, noticeDue) };
}

/** Deadline state for the clerk's countdown: 正常 / 临期 (≤ warnDays) / 逾期. */
export function deadlineState(cal: WorkCalendar, today: string, due: string, warnDays = 2): { left: number; level: 'ok' | 'near' | 'overdue' } {
  const left = cal.workingDaysBetween(today, due);
  return { left, level: today > due ? 'overdue' : left <= warnDays ? 'near' : 'ok' };
}
