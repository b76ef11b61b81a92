// The one formatter for dates, times and numbers shown to people, in each interface language
// (components/format.ts gives pages the one for theirs; docs/decisions/029). Dates are formatted
// in UTC, so server and browser agree and every page says the same; never an ISO date or hour
// ("2026-12-10", "2026-11-29T10:00Z") or a raw fraction ("48.3").
// The formatters are made once per language: constructing Intl formatters per call (what
// toLocaleString does) was a tenth of the petition page's server time in the benchmark's profile.
import type { Locale } from "@/i18n/locales";

type When = string | number | Date | null | undefined;

export type Format = {
  /** "10 December 2026" · "10. Dezember 2026". */
  date(value: When): string;
  /** "10 Dec" · "10. Dez.", for a chart's axis where the year is in the title. */
  shortDay(value: When): string;
  /** "29 November 2026, 10:00 UTC". */
  dateTime(value: When): string;
  /** "10:00 UTC". */
  time(value: When): string;
  /** "1,234" · "1.234". */
  count(n: number): string;
  /** A rate or average: whole from 10 up ("48"), one decimal below ("2.5" · "2,5"), "0" for nothing. */
  rate(n: number): string;
};

function toDate(value: When): Date | null {
  if (value === null || value === undefined || value === "") return null;
  // A bare day ("2026-12-10") is that day, not midnight in some zone.
  const date = typeof value === "string" ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00.000Z` : value) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

// en-GB writes the day before the month ("10 December 2026"), as the interface always has.
const DATE_LOCALE: Record<Locale, string> = { en: "en-GB", de: "de-DE" };

function makeFormat(locale: Locale): Format {
  const DATE = new Intl.DateTimeFormat(DATE_LOCALE[locale], { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
  const SHORT_DAY = new Intl.DateTimeFormat(DATE_LOCALE[locale], { timeZone: "UTC", day: "numeric", month: "short" });
  const TIME = new Intl.DateTimeFormat(DATE_LOCALE[locale], { timeZone: "UTC", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const COUNT = new Intl.NumberFormat(locale);
  const ONE_DECIMAL = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const on = (fmt: (d: Date) => string) => (value: When) => {
    const date = toDate(value);
    return date ? fmt(date) : "";
  };
  return {
    date: on((d) => DATE.format(d)),
    shortDay: on((d) => SHORT_DAY.format(d)),
    dateTime: on((d) => `${DATE.format(d)}, ${TIME.format(d)} UTC`),
    time: on((d) => `${TIME.format(d)} UTC`),
    count: (n) => COUNT.format(n),
    rate: (n) => (!Number.isFinite(n) || n <= 0 ? "0" : n >= 10 ? COUNT.format(Math.round(n)) : ONE_DECIMAL.format(n)),
  };
}

const FORMATS: Record<Locale, Format> = { en: makeFormat("en"), de: makeFormat("de") };

/** The formatter for one interface language. */
export function formatFor(locale: Locale): Format {
  return FORMATS[locale] ?? FORMATS.en;
}

// English, for text the domain writes once for everyone (the public record's event summaries).
const EN = FORMATS.en;
export const formatDate = EN.date;
export const formatShortDay = EN.shortDay;
export const formatDateTime = EN.dateTime;
export const formatTime = EN.time;
export const formatCount = EN.count;
export const formatRate = EN.rate;
