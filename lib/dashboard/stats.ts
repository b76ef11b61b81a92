// The organizer's numbers, computed so that no combination of them (with the named export, the
// public named list and the live count, over any sequence of days, withdrawals included) says
// anything about an anonymous signer beyond "one more signature on that day" (decision 017):
// - breakdowns by department and location count named signers only, as of the start of today,
//   k-anonymous on top (lib/privacy/k-anonymity.ts) so named signers' locations are not listed
//   one by one either;
// - the per-hour chart counts named signers only;
// - the per-day chart counts everyone, for complete days only (days before today, or every day of
//   a petition that can no longer change), and the 7-day rate is taken from those days;
// - anonymous signers appear as one number: how many there are (public anyway: the count minus
//   the named list).
// Anonymous signatures reach this module as bare dates: it cannot leak an attribute it never gets.
import { kAnonymousBreakdown, type Breakdown } from "@/lib/privacy/k-anonymity";
import { toCsv } from "./csv";

const DAY = 86_400_000;
const HOUR = 3_600_000;

export type NamedRow = { name: string; createdAt: Date; department: string | null; location: string | null };

export type StatsInput = {
  named: NamedRow[];
  /** When each anonymous signature was made; nothing else about them. */
  anonymous: Date[];
  /** When the petition opened (or was created). */
  openedAt: Date;
  /** When it stopped taking signatures and withdrawals, if it has. */
  finalAt: Date | null;
  now: Date;
  k: number;
};

export type Stats = {
  daily: { day: string; count: number; cumulative: number }[];
  /** Named signatures per hour over the last 48 hours. */
  hourly: { hour: string; count: number }[];
  recentRatePerDay: number;
  /** Days before this one are complete and shown in the per-day chart. */
  dailyUntil: string;
  /** Breakdowns count named signatures made before this moment (the start of today, UTC). */
  breakdownAsOf: string;
  byDepartment: Breakdown;
  byLocation: Breakdown;
  namedCount: number;
  anonymousCount: number;
};

const dayStart = (t: Date | number) => Math.floor(new Date(t).getTime() / DAY) * DAY;
const dayKey = (t: Date | number) => new Date(t).toISOString().slice(0, 10);

export function computeStats(input: StatsInput): Stats {
  const { named, anonymous, now, k } = input;
  const today = dayStart(now);
  // A day is complete once it has ended, or once the petition can no longer change at all.
  const end = input.finalAt && input.finalAt.getTime() <= now.getTime() ? Math.min(dayStart(input.finalAt) + DAY, today + DAY) : today;
  const start = dayStart(input.openedAt);
  const times = [...named.map((s) => s.createdAt.getTime()), ...anonymous.map((d) => d.getTime())];

  const perDay = new Map<string, number>();
  let cumulative = 0;
  for (const t of times) {
    if (t < start) cumulative++;
    else if (t < end) perDay.set(dayKey(t), (perDay.get(dayKey(t)) ?? 0) + 1);
  }
  const daily: Stats["daily"] = [];
  for (let d = start; d < end; d += DAY) {
    const count = perDay.get(dayKey(d)) ?? 0;
    cumulative += count;
    daily.push({ day: dayKey(d), count, cumulative });
  }
  const lastWeek = daily.slice(-7).reduce((sum, d) => sum + d.count, 0);
  const recentRatePerDay = Math.round((lastWeek / 7) * 10) / 10;

  const hourStart = Math.floor(now.getTime() / HOUR) * HOUR - 47 * HOUR;
  const hourly = Array.from({ length: 48 }, (_, i) => ({ hour: new Date(hourStart + i * HOUR).toISOString().slice(0, 13) + ":00Z", count: 0 }));
  for (const s of named) {
    const i = Math.floor((s.createdAt.getTime() - hourStart) / HOUR);
    if (i >= 0 && i < 48) hourly[i]!.count++;
  }

  const department = new Map<string, number>();
  const location = new Map<string, number>();
  for (const s of named) {
    if (s.createdAt.getTime() >= today) continue;
    const d = s.department ?? "Not given";
    const l = s.location ?? "Not given";
    department.set(d, (department.get(d) ?? 0) + 1);
    location.set(l, (location.get(l) ?? 0) + 1);
  }

  return {
    daily,
    hourly,
    recentRatePerDay,
    dailyUntil: dayKey(end),
    breakdownAsOf: new Date(today).toISOString(),
    byDepartment: kAnonymousBreakdown(department, k),
    byLocation: kAnonymousBreakdown(location, k),
    namedCount: named.length,
    anonymousCount: anonymous.length,
  };
}

/** The aggregate CSV: exactly the numbers the dashboard shows. */
export function aggregatesCsv(s: Stats, k: number): string {
  const breakdown = (b: Breakdown) => [
    ...b.groups.map((g) => [g.name, g.count]),
    ...(b.other > 0 ? [[`Other (groups under ${k})`, b.other]] : []),
    ["Total", b.suppressed ? `fewer than ${k}` : b.total],
  ];
  return toCsv([
    ["section", "key", "value"],
    ...s.daily.map((x) => ["signatures_per_day", x.day, x.count]),
    ...s.hourly.map((x) => ["named_signatures_per_hour", x.hour, x.count]),
    ...breakdown(s.byDepartment).map((r) => ["named_by_department", ...r]),
    ...breakdown(s.byLocation).map((r) => ["named_by_location", ...r]),
    ["anonymous", "Total (counted, never broken down)", s.anonymousCount],
  ]);
}

/** The named export: name, department and day of each named signature. */
export function namedSignaturesCsv(rows: NamedRow[]): string {
  const sorted = [...rows].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return toCsv([["name", "department", "signed_on"], ...sorted.map((r) => [r.name, r.department ?? "", dayKey(r.createdAt)])]);
}
