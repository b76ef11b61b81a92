import { z } from "zod";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "@/i18n/locales";
import type { Db } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { isKnownMessage, renderMessage, storedMessage } from "@/lib/i18n/message";
import { lookupKey } from "@/lib/validation";
import type { Prisma } from "@/lib/generated/prisma/client";
import { newestFirstAfter, newestFirstPage } from "@/lib/pagination/cursor";
import { EVENT_KINDS, EVENT_LABELS, type EventKind } from "./record";

export type TimelineItem = {
  id: string;
  kind: EventKind;
  label: string;
  summary: string;
  at: string;
  href: string | null;
  subject: { type: "petition" | "program"; id: string; title: string } | null;
};

export const timelineQuerySchema = z.object({
  petition: lookupKey(100).optional(),
  program: lookupKey(200).optional(),
  kind: z.enum(EVENT_KINDS, { error: `kind must be one of ${EVENT_KINDS.join(", ")}.` }).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type TimelineQuery = z.input<typeof timelineQuerySchema>;

export const TIMELINE_EVENT_SELECT = {
  id: true,
  kind: true,
  summary: true,
  message: true,
  createdAt: true,
  petition: { select: { id: true, slug: true, title: true } },
  program: { select: { id: true, slug: true, name: true } },
} as const;

type Row = Prisma.TimelineEventGetPayload<{ select: typeof TIMELINE_EVENT_SELECT }>;

/**
 * An event's summary in a language: the English one as recorded, else its message rendered in
 * that language; an event recorded before messages were kept, or whose message no longer renders,
 * shows the English it was recorded with.
 */
export function eventSummary(r: { summary: string; message: string | null }, locale: Locale): string {
  if (locale === DEFAULT_LOCALE) return r.summary;
  const message = storedMessage(r.message);
  if (!message || !isKnownMessage(message)) return r.summary;
  try {
    return renderMessage(message, locale);
  } catch {
    return r.summary;
  }
}

/** An event as pages, mail and the API show it; the API and the Atom feed are in English. */
export function toTimelineItem(r: Row, locale: Locale = DEFAULT_LOCALE): TimelineItem {
  const kind = r.kind as EventKind;
  return {
    id: r.id,
    kind,
    label: EVENT_LABELS[kind] ?? r.kind,
    summary: eventSummary(r, locale),
    at: r.createdAt.toISOString(),
    href: r.petition ? `/petitions/${r.petition.slug}` : r.program ? `/programs/${r.program.slug}` : null,
    subject: r.petition
      ? { type: "petition", id: r.petition.id, title: r.petition.title }
      : r.program
        ? { type: "program", id: r.program.id, title: r.program.name }
        : null,
  };
}

/**
 * Every public event, newest first, filtered by petition (id or slug), program (slug) and kind,
 * with keyset pagination. Events exist only for public things, so nothing private is listed.
 */
export async function listTimeline(db: Db, query: TimelineQuery | unknown = {}, locale: Locale = DEFAULT_LOCALE) {
  const q = parseInput(timelineQuerySchema, query ?? {});
  const where: Prisma.TimelineEventWhereInput[] = [];
  if (q.petition) where.push({ petition: { OR: [{ id: q.petition }, { slug: q.petition }] } });
  if (q.program) where.push({ OR: [{ program: { slug: q.program } }, { petition: { program: { slug: q.program } } }] });
  if (q.kind) where.push({ kind: q.kind });
  where.push(newestFirstAfter(q.cursor));
  const rows = await db.timelineEvent.findMany({
    where: { AND: where },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
    select: TIMELINE_EVENT_SELECT,
  });
  const { page, nextCursor } = newestFirstPage(rows, q.limit);
  return { items: page.map((r) => toTimelineItem(r, locale)), nextCursor };
}

/** An event for the live stream: as the API shows it, with its summary in every language. */
export type LiveEvent = TimelineItem & { summaries?: Partial<Record<Locale, string>> };

function toLiveEvent(r: Row): LiveEvent {
  return { ...toTimelineItem(r), summaries: Object.fromEntries(LOCALES.map((l) => [l, eventSummary(r, l)])) };
}

/** Events after a point, oldest first: what the live stream forwards. */
export async function eventsSince(db: Db, since: Date, take = 200) {
  const rows = await db.timelineEvent.findMany({
    where: { createdAt: { gt: since } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take,
    select: TIMELINE_EVENT_SELECT,
  });
  return rows.map(toLiveEvent);
}

/** These events, oldest first (the live stream's PostgreSQL path learns ids from NOTIFY). */
export async function eventsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db.timelineEvent.findMany({
    where: { id: { in: ids } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: TIMELINE_EVENT_SELECT,
  });
  return rows.map(toLiveEvent);
}

/** The most recent public events, for the home page. */
export async function listRecentEvents(db: Db, take = 10, locale: Locale = DEFAULT_LOCALE) {
  return (await listTimeline(db, { limit: take }, locale)).items;
}

/**
 * Characters XML 1.0 does not allow anywhere in a document (C0 controls other than tab, line
 * feed and carriage return; lone surrogates; U+FFFE and U+FFFF): one of them makes the whole
 * feed ill-formed, so they are dropped, never escaped (XML has no escape for them).
 */
const XML_FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export const escapeXml = (s: string) =>
  s.replace(XML_FORBIDDEN, "").replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);

export type FeedFilter = { petition?: string; program?: string; kind?: string };

/** The filter's parameters in a fixed order, without empty ones: the same filter, the same query. */
export function feedQuery(filter: FeedFilter): string {
  const params = new URLSearchParams();
  for (const key of ["petition", "program", "kind"] as const) {
    const value = filter[key];
    if (typeof value === "string" && value) params.set(key, value);
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}

/**
 * The feed's id (RFC 4287 4.2.6): permanent and different per filter, so a reader that follows
 * the whole timeline and one petition's feed keeps them apart.
 */
export function feedId(filter: FeedFilter): string {
  const parts = (["petition", "program", "kind"] as const)
    .filter((k) => typeof filter[k] === "string" && filter[k])
    .map((k) => `${k}:${encodeURIComponent(filter[k]!)}`);
  return ["urn:undersigned:timeline", ...parts].join(":");
}

/** The timeline as an Atom 1.0 feed (RFC 4287); `origin` makes every link absolute. */
export function timelineAtom(items: TimelineItem[], origin: string, filter: FeedFilter = {}): string {
  const updated = items[0]?.at ?? new Date(0).toISOString();
  const query = feedQuery(filter);
  const entries = items
    .map(
      (e) => `  <entry>
    <id>urn:undersigned:event:${escapeXml(e.id)}</id>
    <title>${escapeXml(`${e.label}: ${e.summary}`)}</title>
    <updated>${e.at}</updated>
    <published>${e.at}</published>
    <category term="${escapeXml(e.kind)}" label="${escapeXml(e.label)}"/>
${e.href ? `    <link rel="alternate" type="text/html" href="${escapeXml(origin + e.href)}"/>\n` : ""}    <summary type="text">${escapeXml(e.summary)}</summary>
  </entry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escapeXml(feedId(filter))}</id>
  <title>Undersigned: what happened</title>
  <subtitle>Petitions, leadership responses, commitments and monitoring program changes.</subtitle>
  <updated>${updated}</updated>
  <author><name>Undersigned</name></author>
  <link rel="self" type="application/atom+xml" href="${escapeXml(`${origin}/timeline.atom${query}`)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(`${origin}/timeline${query}`)}"/>
${entries}
</feed>
`;
}
