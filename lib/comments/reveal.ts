// The writer of an anonymous comment putting their name on it, one way and for good
// (docs/decisions/026). Signed in, their browser signs a statement naming the comment and the
// account with the comment's key; only then is the account recorded on that one comment.
import { msg } from "@/lib/i18n/message";
import { z } from "zod";
import { webcrypto } from "node:crypto";
import { requireActor, type Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { conflict, DomainError, isUniqueViolation, notFound, parseInput } from "@/lib/errors";
import { invalidatePetitionPublic } from "@/lib/petitions/public-cache";
import { isoDay } from "@/lib/validation";
import { ANSWER_KEY_ALGORITHM, ANSWER_NONCE_PATTERN, ANSWER_SIGNATURE_ALGORITHM, ANSWER_SIGNATURE_PATTERN, fromBase64url, revealMessage } from "./answer-message";

export const revealInputSchema = z.object({
  commentId: z.string().uuid("it must be a comment's id."),
  nonce: z.string().regex(ANSWER_NONCE_PATTERN, "it must be 16 to 64 random bytes in base64url."),
  signature: z.string().regex(ANSWER_SIGNATURE_PATTERN, "it must be an ECDSA P-256 signature (64 bytes, base64url)."),
});

/**
 * Names the signed-in actor as the writer of a comment, for good, once the signature by the
 * comment's key over (comment, this account, nonce) verifies. Nothing can undo it.
 */
export async function revealAuthorship(db: Db, actor: Actor | null, input: unknown, clock: { now?: Date } = {}) {
  const writer = requireActor(actor, "put your name on a comment");
  const data = parseInput(revealInputSchema, input);
  const comment = await db.anonComment.findUnique({
    where: { id: data.commentId },
    select: { id: true, answerKey: true, petitionId: true, reveal: { select: { userId: true } }, petition: { select: { slug: true } }, program: { select: { slug: true } } },
  });
  if (!comment) throw notFound(msg("Errors.common.noComment"));
  let valid = false;
  if (comment.answerKey) {
    try {
      const key = await webcrypto.subtle.importKey("raw", fromBase64url(comment.answerKey), ANSWER_KEY_ALGORITHM, false, ["verify"]);
      valid = await webcrypto.subtle.verify(ANSWER_SIGNATURE_ALGORITHM, key, fromBase64url(data.signature), revealMessage({ commentId: comment.id, accountId: writer.id, nonce: data.nonce }));
    } catch {
      valid = false;
    }
  }
  if (!valid) {
    throw new DomainError("invalid_input", msg("Errors.comments.signatureDoesMatchComment"), { signature: "invalid" });
  }
  if (comment.reveal) throw conflict(msg("Errors.comments.commentAlreadyShowsWriter"));
  try {
    await db.commentReveal.create({ data: { commentId: comment.id, userId: writer.id, day: isoDay(clock.now ?? new Date()) } });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(msg("Errors.comments.commentAlreadyShowsWriter"));
    throw error;
  }
  invalidatePetitionPublic(comment.petitionId);
  return { petition: comment.petition, program: comment.program };
}
