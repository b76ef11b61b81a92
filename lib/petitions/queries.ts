// Reading petitions: public summaries, the detail a viewer may see, lists and counts.
import { msg } from "@/lib/i18n/message";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { DomainError, parseInput } from "@/lib/errors";
import type { Petition, Prisma } from "@/lib/generated/prisma/client";
import { renderMarkdown } from "@/lib/markdown";
import { readPublicCountRow } from "@/lib/db/direct";
import { getSettings } from "@/lib/settings";
import { assertCanView, findPetitionOr404 } from "./access";
import { permissions, viewerOf, type PetitionAction } from "./policy";
import { cursorDate, decodeCursor, decodeCursorError, encodeCursor } from "@/lib/pagination/cursor";
import { listQuerySchema, type ListQuery, type PetitionSort, type PetitionState } from "./schema";

const DAY = 24 * 60 * 60 * 1000;

export type ResponseStatus = "not_due" | "due" | "overdue" | "responded";

export type PetitionSummary = {
  id: string;
  slug: string;
  title: string;
  ask: string;
  addressedTo: string;
  state: PetitionState;
  signatureCount: number;
  goal: number;
  responseThreshold: number;
  openedAt: string | null;
  closesAt: string;
  closedAt: string | null;
  thresholdReachedAt: string | null;
  responseDueAt: string | null;
  respondedAt: string | null;
  response: { status: ResponseStatus; overdueDays: number };
  /** Set when a moderator hid the petition: it keeps its place with this public reason. */
  hidden: { reason: string } | null;
  deliveredAt: string | null;
};

/** A petition past its closing date is closed, even before the scheduler has written it. */
export function effectiveState(p: Pick<Petition, "state" | "closesAt">, now: Date): PetitionState {
  if (p.state === "open" && p.closesAt <= now) return "closed";
  return p.state as PetitionState;
}

export function responseStatus(
  p: Pick<Petition, "responseDueAt" | "respondedAt">,
  now: Date,
): PetitionSummary["response"] {
  if (p.respondedAt) return { status: "responded", overdueDays: 0 };
  if (!p.responseDueAt) return { status: "not_due", overdueDays: 0 };
  if (p.responseDueAt > now) return { status: "due", overdueDays: 0 };
  return { status: "overdue", overdueDays: Math.max(1, Math.floor((now.getTime() - p.responseDueAt.getTime()) / DAY)) };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toSummary(p: Petition, now: Date = new Date()): PetitionSummary {
  return {
    id: p.id,
    slug: p.slug,
    title: p.title,
    ask: p.ask,
    addressedTo: p.addressedTo,
    state: effectiveState(p, now),
    signatureCount: p.signatureCount,
    goal: p.goal,
    responseThreshold: p.responseThreshold,
    openedAt: iso(p.openedAt),
    closesAt: p.closesAt.toISOString(),
    closedAt: iso(p.closedAt),
    thresholdReachedAt: iso(p.thresholdReachedAt),
    responseDueAt: iso(p.responseDueAt),
    respondedAt: iso(p.respondedAt),
    response: responseStatus(p, now),
    hidden: p.hiddenReason ? { reason: p.hiddenReason } : null,
    deliveredAt: iso(p.deliveredAt),
  };
}

export type PetitionDetail = PetitionSummary & {
  background: string;
  backgroundHtml: string;
  organizers: { name: string; role: string }[];
  coSponsors: { count: number; needed: number };
  program: { slug: string; name: string } | null;
  /** What the viewer may do, from the petition policy (./policy.ts): pages show exactly these actions. */
  viewer: { isOrganizer: boolean; coSponsorToken: string | null; can: Record<PetitionAction, boolean> };
};

export async function getPetitionDetail(
  db: Db,
  viewer: Actor | null,
  where: { id: string } | { slug: string },
  opts: { invite?: string; now?: Date } = {},
): Promise<PetitionDetail> {
  const petition = await findPetitionOr404(db, where);
  const { organizer } = await assertCanView(db, viewer, petition, opts.invite);
  const [shared, policyViewer] = await Promise.all([
    loadPetitionShared(db, petition),
    viewerOf(db, viewer, petition, { invite: opts.invite, organizer }),
  ]);
  return assembleDetail(petition, shared, organizer, policyViewer, opts.now ?? new Date());
}

/** What a petition's detail shows every viewer alike: cacheable for public petitions (./page-data.ts). */
export type PetitionShared = Pick<PetitionDetail, "background" | "backgroundHtml" | "organizers" | "coSponsors" | "program">;

export async function loadPetitionShared(db: Db, petition: Petition): Promise<PetitionShared> {
  const [organizers, coSponsorCount, settings, program] = await Promise.all([
    db.petitionOrganizer.findMany({
      where: { petitionId: petition.id },
      orderBy: { createdAt: "asc" },
      select: { role: true, user: { select: { name: true } } },
    }),
    db.signature.count({ where: { petitionId: petition.id, coSponsor: true } }),
    getSettings(db),
    petition.programId ? db.program.findUnique({ where: { id: petition.programId }, select: { slug: true, name: true } }) : null,
  ]);
  return {
    background: petition.background,
    backgroundHtml: renderMarkdown(petition.background),
    organizers: organizers.map((o) => ({ name: o.user.name, role: o.role })),
    coSponsors: { count: coSponsorCount, needed: settings.coSponsorsNeeded },
    program,
  };
}

/** A viewer's detail from the fresh petition row, the shared parts and the viewer's standing. */
export function assembleDetail(
  petition: Petition,
  shared: PetitionShared,
  organizer: boolean,
  policyViewer: Awaited<ReturnType<typeof viewerOf>>,
  now: Date,
): PetitionDetail {
  return {
    ...toSummary(petition, now),
    ...shared,
    viewer: { isOrganizer: organizer, coSponsorToken: organizer ? petition.coSponsorToken : null, can: permissions(policyViewer, petition, now) },
  };
}

/** The public count of a public petition; drafts and co-sponsor stages are not public. */
export async function getPublicCount(db: Db, petitionId: string, now: Date = new Date()) {
  return (await getPublicCountVersion(db, petitionId, now))?.count ?? null;
}

/**
 * The public count with when it last changed, for Last-Modified (lib/petitions/count-cache.ts):
 * the row's updatedAt, which every change of the count moves, or the closing time once that has
 * passed (the state turns "closed" then without the row changing). Until then, also when the
 * answer stops being true by itself: the closing time, if it is still ahead.
 */
export async function getPublicCountVersion(db: Db, petitionId: string, now: Date = new Date()) {
  // The endpoint live viewers poll: one prepared statement on SQLite.
  const p = await readPublicCountRow(db, petitionId);
  if (!p) return null;
  const closedByTime = p.state === "open" && p.closesAt <= now;
  return {
    count: { id: p.id, signatureCount: p.signatureCount, goal: p.goal, state: effectiveState(p, now) },
    modifiedAt: closedByTime && p.closesAt > p.updatedAt ? p.closesAt : p.updatedAt,
    changesAt: p.state === "open" && !closedByTime ? p.closesAt : null,
  };
}

export type PetitionPage = { items: PetitionSummary[]; nextCursor: string | null };

type ListSpec = {
  where: (now: Date) => Prisma.PetitionWhereInput;
  field: "openedAt" | "responseDueAt" | "respondedAt" | "closesAt" | "signatureCount";
  direction: "asc" | "desc";
};

/** A sort replaces a list's own order: newest opened, most signed, or closing soonest. */
const SORTS: Record<PetitionSort, Pick<ListSpec, "field" | "direction">> = {
  newest: { field: "openedAt", direction: "desc" },
  signed: { field: "signatureCount", direction: "desc" },
  closing: { field: "closesAt", direction: "asc" },
};

function cursorCount(value: string | number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) throw decodeCursorError();
  return value;
}

const LISTS: Record<Exclude<ListQuery["list"] & string, "trending">, ListSpec> = {
  open: { where: (now) => ({ state: "open", closesAt: { gt: now } }), field: "openedAt", direction: "desc" },
  awaiting: {
    where: () => ({ state: { in: ["open", "closed"] }, thresholdReachedAt: { not: null }, respondedAt: null }),
    field: "responseDueAt",
    direction: "asc",
  },
  responded: { where: () => ({ state: { in: ["open", "closed"] }, respondedAt: { not: null } }), field: "respondedAt", direction: "desc" },
  closed: {
    where: (now) => ({ OR: [{ state: "closed" }, { state: "open", closesAt: { lte: now } }] }),
    field: "closesAt",
    direction: "desc",
  },
};

/**
 * Public lists with keyset pagination: the cursor holds the last row's sort value and id, so
 * pages stay stable while signatures arrive. Trending ranks by signatures in the last 24 hours.
 */
export async function listPetitions(db: Db, query: ListQuery | unknown, opts: { now?: Date } = {}): Promise<PetitionPage> {
  const { list, q, sort, cursor, limit } = parseInput(listQuerySchema, query ?? {});
  const now = opts.now ?? new Date();
  const search: Prisma.PetitionWhereInput = q ? { searchText: { contains: q.toLowerCase() } } : {};
  if (list === "trending") {
    if (sort) throw new DomainError("invalid_input", msg("Errors.petitions.trendingRankedSignaturesLast"));
    return listTrending(db, search, cursor, limit, now);
  }

  const spec = LISTS[list];
  const { field, direction } = sort ? SORTS[sort] : spec;
  const after: Prisma.PetitionWhereInput = {};
  if (cursor) {
    const c = decodeCursor(cursor);
    const value = field === "signatureCount" ? cursorCount(c.value) : cursorDate(c.value);
    const beyond = direction === "desc" ? { lt: value } : { gt: value };
    const idBeyond = direction === "desc" ? { lt: c.id } : { gt: c.id };
    after.OR = [{ [field]: beyond }, { [field]: value, id: idBeyond }];
  }
  const rows = await db.petition.findMany({
    // Rows without the sort value cannot be paged through, so they are not in the list.
    where: { AND: [spec.where(now), search, after, field === "closesAt" || field === "signatureCount" ? {} : { [field]: { not: null } }] },
    orderBy: [{ [field]: direction }, { id: direction }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const lastValue = last?.[field];
  return {
    items: page.map((p) => toSummary(p, now)),
    nextCursor:
      rows.length > limit && last && lastValue !== null && lastValue !== undefined
        ? encodeCursor(typeof lastValue === "number" ? lastValue : lastValue.toISOString(), last.id)
        : null,
  };
}

async function listTrending(
  db: Db,
  search: Prisma.PetitionWhereInput,
  cursor: string | undefined,
  limit: number,
  now: Date,
): Promise<PetitionPage> {
  // Trending is a ranking that moves every minute; its cursor is the rank reached so far.
  const offset = cursor ? Number(decodeCursor(cursor).value) : 0;
  if (!Number.isSafeInteger(offset) || offset < 0) throw decodeCursorError();
  const since = new Date(now.getTime() - DAY);
  const grouped = await db.signature.groupBy({
    by: ["petitionId"],
    where: { createdAt: { gte: since }, petition: { state: "open", closesAt: { gt: now }, ...search } },
    _count: { petitionId: true },
    orderBy: [{ _count: { petitionId: "desc" } }, { petitionId: "asc" }],
    skip: offset,
    take: limit + 1,
  });
  const pageIds = grouped.slice(0, limit).map((g) => g.petitionId);
  const rows = await db.petition.findMany({ where: { id: { in: pageIds } } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const recent = new Map(grouped.map((g) => [g.petitionId, g._count.petitionId]));
  const items = pageIds
    .map((id) => byId.get(id))
    .filter((p): p is Petition => Boolean(p))
    .map((p) => ({ ...toSummary(p, now), signaturesLast24h: recent.get(p.id) ?? 0 }));
  return { items, nextCursor: grouped.length > limit ? encodeCursor(offset + limit, "rank") : null };
}

/** Petitions the actor organizes, drafts included, newest first. */
export async function listOwnPetitions(db: Db, actor: Actor, opts: { now?: Date } = {}) {
  const now = opts.now ?? new Date();
  const rows = await db.petition.findMany({
    where: { organizers: { some: { userId: actor.id } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
  });
  return rows.map((p) => toSummary(p, now));
}

/** The petition at this address, or null; callers decide who may see it (./access.ts). */
export async function findPetitionBySlug(db: Db, slug: string): Promise<Petition | null> {
  return db.petition.findUnique({ where: { slug } });
}

/** The id of the petition at this address, or null. */
export async function petitionIdBySlug(db: Db, slug: string): Promise<string | null> {
  return (await db.petition.findUnique({ where: { slug }, select: { id: true } }))?.id ?? null;
}

/** Every public petition's slug and title, by title: the timeline's filter. */
export async function listPublicPetitionChoices(db: Db): Promise<{ slug: string; title: string }[]> {
  return db.petition.findMany({ where: { state: { in: ["open", "closed"] } }, select: { slug: true, title: true }, orderBy: { title: "asc" } });
}

