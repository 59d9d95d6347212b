import { bundledHolidays2026, estimatedHolidays2027 } from '../../../shared/domain/calendar/holidays';
import { type CalendarException, WorkCalendar } from '../../../shared/domain/calendar/working-days';
import type { DB } from '../db/connection';

/** Seeds the bundled calendar when none is stored yet; the platform's calendar replaces it. */
export function seedBundledCalendar(db: DB): void {
  if ((db.prepare('SELECT count(*) AS n FROM calendar_days').get() as { n: number }).n > 0) return;
  const put = db.prepare('INSERT INTO calendar_days (date, kind, name, source) VALUES (?, ?, ?, ?)');
  for (const d of bundledHolidays2026) put.run(d.date, d.kind, d.name, 'bundled');
  for (const d of estimatedHolidays2027) put.run(d.date, d.kind, d.name, 'estimated');
}

export function loadWorkCalendar(db: DB): WorkCalendar {
  return new WorkCalendar(db.prepare('SELECT date, kind, name FROM calendar_days').all() as CalendarException[]);
}
