// The one formatter for dates, times and numbers shown to people (components/format.ts
// re-exports it for pages; domain code uses it for the text of events and messages). Dates are
// formatted in UTC with a fixed locale, so server and browser agree and every page says the same;
// never an ISO date or hour ("2026-12-10", "2026-11-29T10:00Z") or a raw fraction ("48.3").
// The formatters are made once: constructing Intl formatters per call (what toLocaleString
// does) was a tenth of the petition page's server time in the benchmark's profile.
const DATE = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
const SHORT_DAY = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short" });
const TIME = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const COUNT = new Intl.NumberFormat("en");
const ONE_DECIMAL = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

type When = string | number | Date | null | undefined;

function toDate(value: When): Date | null {
  if (value === null || value === undefined || value === "") return null;
  // A bare day ("2026-12-10") is that day, not midnight in some zone.
  const date = typeof value === "string" ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00.000Z` : value) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "10 December 2026". */
export function formatDate(value: When): string {
  const date = toDate(value);
  return date ? DATE.format(date) : "";
}

/** "10 Dec", for a chart's axis where the year is in the title. */
export function formatShortDay(value: When): string {
  const date = toDate(value);
  return date ? SHORT_DAY.format(date) : "";
}

/** "29 November 2026, 10:00 UTC". */
export function formatDateTime(value: When): string {
  const date = toDate(value);
  return date ? `${DATE.format(date)}, ${TIME.format(date)} UTC` : "";
}

/** "10:00 UTC". */
export function formatTime(value: When): string {
  const date = toDate(value);
  return date ? `${TIME.format(date)} UTC` : "";
}

/** "1,234". */
export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** A rate or average: whole from 10 up ("48"), one decimal below ("2.5"), "0" for nothing. */
export function formatRate(n: number): string {
  if (!Number.isFinite(n) || n <= 0) return "0";
  return n >= 10 ? COUNT.format(Math.round(n)) : ONE_DECIMAL.format(n);
}
