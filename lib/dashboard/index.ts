// The organizer dashboard: how a petition is doing over time, toward its goal and threshold,
// and by department and location, never exposing a group smaller than k.
import type { Actor } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { findForOrganizer } from "@/lib/petitions/access";
import { kAnonymousBreakdown, type Breakdown } from "@/lib/privacy/k-anonymity";
import { getSettings } from "@/lib/settings";
import { toCsv } from "./csv";

const DAY = 86_400_000;
const HOUR = 3_600_000;

export type Dashboard = {
  petition: { id: string; slug: string; title: string; state: string; signatureCount: number; goal: number; responseThreshold: number; thresholdReachedAt: string | null };
  daily: { day: string; count: number; cumulative: number }[];
  hourly: { hour: string; count: number }[];
  recentRatePerDay: number;
  projection: { target: "threshold" | "goal"; date: string | null } | null;
  k: number;
  /** Breakdowns count signatures made before the start of today (UTC), so watching them move cannot single out today's signers. */
  breakdownAsOf: string;
  byDepartment: Breakdown;
  byLocation: Breakdown;
};

async function loadForOrganizer(db: Db, actor: Actor | null, petitionId: string) {
  const organizer = requireActor(actor, "see the dashboard");
  // A petition this person may not see answers exactly like one that does not exist.
  return findForOrganizer(db, organizer, { id: petitionId }, "see its dashboard");
}

export async function getDashboard(db: Db, actor: Actor | null, petitionId: string, clock: { now?: Date } = {}): Promise<Dashboard> {
  const petition = await loadForOrganizer(db, actor, petitionId);
  const now = clock.now ?? new Date();
  const settings = await getSettings(db);
  const signatures = await db.signature.findMany({
    where: { petitionId },
    select: { createdAt: true, user: { select: { department: true, location: true } } },
    orderBy: { createdAt: "asc" },
  });

  const start = new Date((petition.openedAt ?? petition.createdAt).toISOString().slice(0, 10) + "T00:00:00.000Z");
  const end = new Date(Math.min(now.getTime(), (petition.closedAt ?? now).getTime()));
  const perDay = new Map<string, number>();
  for (const s of signatures) perDay.set(s.createdAt.toISOString().slice(0, 10), (perDay.get(s.createdAt.toISOString().slice(0, 10)) ?? 0) + 1);
  const daily: Dashboard["daily"] = [];
  let cumulative = signatures.filter((s) => s.createdAt < start).length;
  for (let d = start.getTime(); d <= end.getTime(); d += DAY) {
    const day = new Date(d).toISOString().slice(0, 10);
    const count = perDay.get(day) ?? 0;
    cumulative += count;
    daily.push({ day, count, cumulative });
  }
  const hourStart = Math.floor(now.getTime() / HOUR) * HOUR - 47 * HOUR;
  const hourly = Array.from({ length: 48 }, (_, i) => ({ hour: new Date(hourStart + i * HOUR).toISOString().slice(0, 13) + ":00Z", count: 0 }));
  for (const s of signatures) {
    const i = Math.floor((s.createdAt.getTime() - hourStart) / HOUR);
    if (i >= 0 && i < 48) hourly[i]!.count++;
  }

  const weekAgo = now.getTime() - 7 * DAY;
  const recent = signatures.filter((s) => s.createdAt.getTime() >= weekAgo).length;
  const recentRatePerDay = Math.round((recent / 7) * 10) / 10;
  let projection: Dashboard["projection"] = null;
  const target = petition.thresholdReachedAt ? (petition.signatureCount < petition.goal ? "goal" : null) : "threshold";
  if (target) {
    const remaining = (target === "threshold" ? petition.responseThreshold : petition.goal) - petition.signatureCount;
    const date = recentRatePerDay > 0 ? new Date(now.getTime() + (remaining / recentRatePerDay) * DAY) : null;
    projection = { target, date: date && (!petition.closesAt || date <= petition.closesAt) ? date.toISOString() : null };
  }

  const asOf = new Date(now.toISOString().slice(0, 10) + "T00:00:00.000Z");
  const department = new Map<string, number>();
  const location = new Map<string, number>();
  for (const s of signatures) {
    if (s.createdAt >= asOf) continue;
    const d = s.user.department ?? "Not given";
    const l = s.user.location ?? "Not given";
    department.set(d, (department.get(d) ?? 0) + 1);
    location.set(l, (location.get(l) ?? 0) + 1);
  }

  return {
    petition: {
      id: petition.id,
      slug: petition.slug,
      title: petition.title,
      state: petition.state,
      signatureCount: petition.signatureCount,
      goal: petition.goal,
      responseThreshold: petition.responseThreshold,
      thresholdReachedAt: petition.thresholdReachedAt?.toISOString() ?? null,
    },
    daily,
    hourly,
    recentRatePerDay,
    projection,
    k: settings.anonymityK,
    breakdownAsOf: asOf.toISOString(),
    byDepartment: kAnonymousBreakdown(department, settings.anonymityK),
    byLocation: kAnonymousBreakdown(location, settings.anonymityK),
  };
}

/** Named signatures only (name, department, date). Anonymous signers are never exported. */
export async function exportNamedSignaturesCsv(db: Db, actor: Actor | null, petitionId: string): Promise<string> {
  await loadForOrganizer(db, actor, petitionId);
  const rows = await db.signature.findMany({
    where: { petitionId, visibility: "named" },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true, user: { select: { name: true, department: true } } },
  });
  return toCsv([["name", "department", "signed_on"], ...rows.map((r) => [r.user.name, r.user.department ?? "", r.createdAt.toISOString().slice(0, 10)])]);
}

/** The dashboard's aggregate numbers, exactly as shown (the same k rule applies). */
export async function exportAggregatesCsv(db: Db, actor: Actor | null, petitionId: string, clock: { now?: Date } = {}): Promise<string> {
  const d = await getDashboard(db, actor, petitionId, clock);
  const breakdown = (dimension: string, b: Breakdown) => [
    ...b.groups.map((g) => [dimension, g.name, g.count]),
    ...(b.other > 0 ? [[dimension, `Other (groups under ${d.k})`, b.other]] : []),
    [dimension, "Total", b.suppressed ? `fewer than ${d.k}` : b.total],
  ];
  return toCsv([
    ["section", "key", "value"],
    ...d.daily.map((x) => ["signatures_per_day", x.day, x.count]),
    ...breakdown("department", d.byDepartment).map((r) => ["by_department", r[1], r[2]]),
    ...breakdown("location", d.byLocation).map((r) => ["by_location", r[1], r[2]]),
  ]);
}
