// The organizer dashboard: how a petition is doing over time, toward its goal and threshold,
// and by department and location. What it may show, and why no combination of it exposes an
// anonymous signer, is in ./stats.ts and docs/decisions/017.
import type { Actor } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { findForOrganizer } from "@/lib/petitions/access";
import { getSettings } from "@/lib/settings";
import { aggregatesCsv, computeStats, namedSignaturesCsv, type NamedRow, type Stats } from "./stats";
import { anonymousDays } from "@/lib/signatures/anonymous";

const DAY = 86_400_000;

export type Dashboard = Stats & {
  petition: { id: string; slug: string; title: string; state: string; signatureCount: number; goal: number; responseThreshold: number; thresholdReachedAt: string | null };
  projection: { target: "threshold" | "goal"; date: string | null } | null;
  k: number;
};

async function loadForOrganizer(db: Db, actor: Actor | null, petitionId: string) {
  const organizer = requireActor(actor, "see the dashboard");
  // A petition this person may not see answers exactly like one that does not exist.
  return findForOrganizer(db, organizer, { id: petitionId }, "see its dashboard");
}

async function namedRows(db: Db, petitionId: string): Promise<NamedRow[]> {
  const rows = await db.signature.findMany({
    where: { petitionId, visibility: "named" },
    select: { createdAt: true, user: { select: { name: true, department: true, location: true } } },
  });
  return rows.map((r) => ({ name: r.user.name, createdAt: r.createdAt, department: r.user.department, location: r.user.location }));
}

export async function getDashboard(db: Db, actor: Actor | null, petitionId: string, clock: { now?: Date } = {}): Promise<Dashboard> {
  const petition = await loadForOrganizer(db, actor, petitionId);
  const now = clock.now ?? new Date();
  const settings = await getSettings(db);
  // Anonymous signatures are read as dates only: nothing about their signers reaches the numbers.
  const [named, anonymous] = await Promise.all([
    namedRows(db, petitionId),
    anonymousDays(db, petitionId),
  ]);
  const finalAt = petition.closedAt ?? (petition.closesAt <= now ? petition.closesAt : null);
  const stats = computeStats({
    named,
    // Only the day of its batch is stored (decision 018); the per-day chart needs no more.
    anonymous: anonymous.map((day) => new Date(`${day}T00:00:00Z`)),
    openedAt: petition.openedAt ?? petition.createdAt,
    finalAt,
    now,
    k: settings.anonymityK,
  });

  let projection: Dashboard["projection"] = null;
  const target = petition.thresholdReachedAt ? (petition.signatureCount < petition.goal ? "goal" : null) : "threshold";
  if (target) {
    const remaining = (target === "threshold" ? petition.responseThreshold : petition.goal) - petition.signatureCount;
    const rate = stats.recentRatePerDay;
    const date = rate > 0 ? new Date(now.getTime() + (remaining / rate) * DAY) : null;
    projection = { target, date: date && (!petition.closesAt || date <= petition.closesAt) ? date.toISOString() : null };
  }

  return {
    ...stats,
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
    projection,
    k: settings.anonymityK,
  };
}

/** Named signatures only (name, department, date). Anonymous signers are never exported. */
export async function exportNamedSignaturesCsv(db: Db, actor: Actor | null, petitionId: string): Promise<string> {
  await loadForOrganizer(db, actor, petitionId);
  return namedSignaturesCsv(await namedRows(db, petitionId));
}

/** The dashboard's aggregate numbers, exactly as shown (the same rules apply). */
export async function exportAggregatesCsv(db: Db, actor: Actor | null, petitionId: string, clock: { now?: Date } = {}): Promise<string> {
  const d = await getDashboard(db, actor, petitionId, clock);
  return aggregatesCsv(d, d.k);
}
