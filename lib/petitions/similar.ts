// Similar petitions, shown while someone writes a new one (docs/decisions/024): open and recently
// closed petitions whose title and ask share words with the draft's, ranked by the database's
// full-text search (lib/db/search.ts). Only petitions the policy lets anyone see are offered. The
// draft's text is used for the query and forgotten: nothing here logs or stores it.
import { msg, zodMessage } from "@/lib/i18n/message";
import "server-only";
import { z } from "zod";
import { storableString } from "@/lib/validation";
import { requireActor, type Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { searchTerms, similarPetitionIds } from "@/lib/db/search";
import { parseInput } from "@/lib/errors";
import { can, offerableAsSimilar, type PolicyViewer } from "./policy";

export const similarInputSchema = z.object({
  title: storableString(z.string({ error: zodMessage(msg("Validation.petitions.titleMustText")) }).max(500, zodMessage(msg("Validation.petitions.titleTooLongCompare"))), "title").default(""),
  ask: storableString(z.string({ error: zodMessage(msg("Validation.petitions.askMustText")) }).max(1000, zodMessage(msg("Validation.petitions.askTooLongCompare"))), "ask").default(""),
  /** The draft being edited, which is not similar to itself. */
  excludeId: storableString(z.string().max(100), "text").optional(),
});

export type SimilarPetition = { slug: string; title: string; ask: string; signatureCount: number; signable: boolean; closedOn: string | null };

/** How many similar petitions to show at most. */
export const SIMILAR_LIMIT = 5;

/** Open and recent petitions that ask what the draft asks, best match first; signed-in people only. */
export async function findSimilarPetitions(db: Db, actor: Actor | null, input: unknown, clock: { now?: Date } = {}): Promise<SimilarPetition[]> {
  const person = requireActor(actor, "see similar petitions");
  const { title, ask, excludeId } = parseInput(similarInputSchema, input);
  const now = clock.now ?? new Date();
  const terms = searchTerms(`${title} ${ask}`);
  // One word says too little about what a petition asks.
  if (terms.length < 2) return [];
  const ids = await similarPetitionIds(db, terms, SIMILAR_LIMIT * 4);
  if (ids.length === 0) return [];
  const rows = await db.petition.findMany({
    where: { id: { in: ids } },
    select: { id: true, slug: true, title: true, ask: true, state: true, signatureCount: true, closesAt: true, closedAt: true, hiddenReason: true, deliveredAt: true, duplicateOfId: true },
  });
  const rank = new Map(ids.map((id, i) => [id, i]));
  const viewer: PolicyViewer = { actor: person, organizer: false, signed: false, invited: false };
  return rows
    .filter((p) => p.id !== excludeId && offerableAsSimilar(p, now))
    .sort((a, b) => rank.get(a.id)! - rank.get(b.id)!)
    .slice(0, SIMILAR_LIMIT)
    .map((p) => ({
      slug: p.slug,
      title: p.title,
      ask: p.ask,
      signatureCount: p.signatureCount,
      // Whether it still takes signatures, for anyone: the person's own signature does not change the offer.
      signable: can(viewer, p, "sign", now),
      closedOn: p.state === "closed" || p.closesAt <= now ? (p.closedAt ?? p.closesAt).toISOString().slice(0, 10) : null,
    }));
}

/** The petition `petitionId` was closed as a duplicate of, for its page: null when it was not. */
export async function duplicateOf(db: Db, petitionId: string): Promise<{ slug: string; title: string } | null> {
  const row = await db.petition.findUnique({ where: { id: petitionId }, select: { duplicateOf: { select: { slug: true, title: true } } } });
  return row?.duplicateOf ?? null;
}
