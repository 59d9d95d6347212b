const formatters = new Map<string, Intl.DateTimeFormat>();

/** The hall's business day (YYYY-MM-DD) in its own time zone: numbering resets at hall-local midnight. */
export function businessDay(now: number, timeZone: string): string {
  // Building a formatter costs far more than using one; the hall asks on every operation.
  let f = formatters.get(timeZone);
  if (!f) formatters.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  const parts = f.formatToParts(new Date(now));
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function formatLabel(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(3, '0')}`;
}
