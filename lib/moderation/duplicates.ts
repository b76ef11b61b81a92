// Closing a petition as a duplicate of another (docs/decisions/024). A moderator names both; the
// duplicate closes with a public link to the other one, shown on its page and on the timeline;
// its followers (named signers follow what they sign; anonymous signers write no follow) get a
// notification, and mail if they chose it, that offers the other petition. The public moderation
// log records it under the moderator's role, the audit log under their account.
import { msg, zodMessage } from "@/lib/i18n/message";
import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { requireActor, type Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { conflict, notFound, parseInput } from "@/lib/errors";
import { assertCan, offerableAsSimilar, viewerOf } from "@/lib/petitions/policy";
import { invalidatePetitionPublic } from "@/lib/petitions/public-cache";
import { recordEvent } from "@/lib/timeline/record";

/** A petition's address as people copy it: its slug, its path or its full URL. */
const petitionAddress = (what: "close" | "duplicate") =>
  z
    .string({ error: zodMessage(msg("Validation.moderation.giveAddress", { what })) })
    .trim()
    .min(1, zodMessage(msg("Validation.moderation.giveAddress", { what })))
    .max(300, zodMessage(msg("Validation.moderation.addressTooLong", { what })))
    .transform((value) => {
      const path = value.replace(/^https?:\/\/[^/]+/i, "").replace(/[?#].*$/, "").replace(/\/+$/, "");
      return path.split("/").pop() ?? "";
    })
    .pipe(z.string().regex(/^[a-z0-9-]{1,200}$/, zodMessage(msg("Validation.moderation.notAnAddress", { what }))));

export const duplicateInputSchema = z.object({
  petition: petitionAddress("close"),
  duplicateOf: petitionAddress("duplicate"),
});

const NO_TARGET = msg("Errors.moderation.noDuplicateTarget");

/** Closes `input.petition` as a duplicate of `input.duplicateOf`. */
export async function markDuplicate(db: Db, actor: Actor | null, input: unknown, clock: { now?: Date } = {}) {
  const person = requireActor(actor, "mark a petition as a duplicate");
  const { petition: slug, duplicateOf } = parseInput(duplicateInputSchema, input);
  const now = clock.now ?? new Date();
  const petition = await db.petition.findUnique({ where: { slug } });
  if (!petition) throw notFound(msg("Errors.common.noPublicPetition"));
  assertCan(await viewerOf(db, person, petition), petition, "duplicate", now);
  const target = await db.petition.findUnique({ where: { slug: duplicateOf } });
  if (target?.id === petition.id) throw conflict(msg("Errors.moderation.petitionCannotDuplicateItself"));
  if (target?.duplicateOfId) throw conflict(msg("Errors.moderation.petitionWasItselfClosed"));
  if (!target || !offerableAsSimilar(target, now)) throw notFound(NO_TARGET);
  const closed = await db.$transaction(async (tx) => {
    const { count } = await tx.petition.updateMany({
      where: { id: petition.id, state: "open", hiddenReason: null },
      data: { state: "closed", closedAt: now, closesAt: now, duplicateOfId: target.id },
    });
    if (count !== 1) throw conflict(msg("Errors.moderation.onlyOpenPetitionClosed"));
    const reasonText = `Duplicate of “${target.title}” (/petitions/${target.slug}).`;
    const action = await tx.moderationAction.create({
      data: { targetType: "petition", targetId: petition.id, targetLabel: petition.title, action: "duplicate", reasonCode: "duplicate", reasonText, actorRole: person.role, createdAt: now },
    });
    await recordAudit(tx, person, "moderation.duplicate", petition.id, { duplicateOf: target.id }, now);
    await recordEvent(tx, {
      kind: "petition_duplicate",
      petitionId: petition.id,
      summary: msg("Timeline.closedAsDuplicate", { target: target.title, title: petition.title }),
      at: now,
    });
    return { ...action, petition: { slug: petition.slug }, duplicateOf: { slug: target.slug } };
  });
  invalidatePetitionPublic(petition.id);
  return closed;
}
