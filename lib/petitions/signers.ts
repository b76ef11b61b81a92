// The public list of people who signed a petition with their names, page by page. Anonymous
// signatures are counted but never listed (decision 005).
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { findPetitionOr404 } from "./access";
import { assertCan, viewerOf } from "./policy";
import { cursorDate, decodeCursor, encodeCursor } from "@/lib/pagination/cursor";

const PUBLIC = { in: ["open", "closed"] };

/** How many people signed this public petition with their names. */
export async function countNamedSigners(db: Db, petitionId: string): Promise<number> {
  return db.signature.count({ where: { petitionId, visibility: "named", petition: { state: PUBLIC } } });
}

const pageSchema = z.object({ cursor: z.string().max(200).optional(), limit: z.number().int().min(1).max(200).default(100) });

/** Named signers, newest first, with keyset pagination on (signed at, id). */
export async function listNamedSignersPage(db: Db, petitionId: string, input: { cursor?: string; limit?: number } = {}) {
  const { cursor, limit } = parseInput(pageSchema, input);
  const after = cursor
    ? (() => {
        const c = decodeCursor(cursor);
        const at = cursorDate(c.value);
        return { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: c.id } }] };
      })()
    : {};
  const rows = await db.signature.findMany({
    where: { petitionId, visibility: "named", petition: { state: PUBLIC }, ...after },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: { id: true, createdAt: true, user: { select: { name: true } } },
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({ name: r.user.name, signedAt: r.createdAt.toISOString() })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt.toISOString(), last.id) : null,
  };
}

/**
 * The signers page: the petition, how many signed with their names, and one page of those names,
 * for whoever the petition policy lets see them ("signers"); otherwise its 404.
 */
export async function listPetitionSigners(
  db: Db,
  actor: Actor | null,
  which: { id: string } | { slug: string },
  input: { cursor?: string; limit?: number } = {},
  opts: { now?: Date } = {},
) {
  const petition = await findPetitionOr404(db, which);
  assertCan(await viewerOf(db, actor, petition), petition, "signers", opts.now);
  const [page, total] = await Promise.all([listNamedSignersPage(db, petition.id, input), countNamedSigners(db, petition.id)]);
  return { petition: { id: petition.id, slug: petition.slug, title: petition.title, signatureCount: petition.signatureCount }, total, ...page };
}
