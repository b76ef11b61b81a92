// ISO 8601 weeks ("2026-W47"): anonymous tokens are issued and keyed per week.

export function isoWeek(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday); // the Thursday of this week decides the year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

export function previousWeek(date: Date): string {
  return isoWeek(new Date(date.getTime() - 7 * 86_400_000));
}

/** The Monday (UTC) that starts the ISO week after the one containing `date`. */
export function nextWeekStart(date: Date): Date {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 8 - weekday);
  return d;
}

/**
 * Whether a week ("2026-W47") is over at `now`: a key list whose newest key is of such a week was
 * cached before a week's start, and the wallet asks for the list afresh before it decides that it
 * has collected this week (components/anonymous/wallet.ts, docs/decisions/028). ISO weeks sort as
 * text, across years too.
 */
export const isPastWeek = (week: string, now: Date) => week < isoWeek(now);
