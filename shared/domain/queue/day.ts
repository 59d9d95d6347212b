/** The hall's business day (YYYY-MM-DD) in its own time zone: numbering resets at hall-local midnight. */
export function businessDay(now: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(now));
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function formatLabel(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(3, '0')}`;
}
