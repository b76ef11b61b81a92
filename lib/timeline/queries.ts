import type { Db } from "@/lib/db/client";

/** The most recent public events, for the home page. Events on private drafts never exist. */
export async function listRecentEvents(db: Db, take = 10) {
  const rows = await db.timelineEvent.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, kind: true, summary: true, createdAt: true, petition: { select: { slug: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    summary: r.summary,
    at: r.createdAt.toISOString(),
    href: r.petition ? `/petitions/${r.petition.slug}` : null,
  }));
}
