// The anonymous two-way conversation (issue 17, docs/decisions/026). Leadership (on any thread)
// and a petition's organizers (on its thread) ask the writer of an anonymous comment a question,
// named and under their role. Only the writer can answer as "the author": the comment carries the
// public half of a key pair its writer's browser made for it alone, and an answer is signed with
// the private half, which never leaves that browser. Answers are sent without cookies and become
// durable in batches at the comment batches' wall-clock instants, in random order, with the day
// only (lib/anonymity/batch.ts), so neither their moment nor their order points at anyone.
import { msg, zodMessage } from "@/lib/i18n/message";
import { randomUUID, webcrypto } from "node:crypto";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { createBatch, QueueFullError, shuffle, type Batch } from "@/lib/anonymity/batch";
import { serverConfig } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import { insertCommentAnswerOnce } from "@/lib/db/statements";
import { conflict, DomainError, notFound, parseInput } from "@/lib/errors";
import { markdownSchema, renderMarkdown } from "@/lib/markdown";
import { isOrganizer } from "@/lib/petitions/access";
import { askerRole, assertMayAsk } from "@/lib/petitions/policy";
import { invalidatePetitionPublic } from "@/lib/petitions/public-cache";
import { CONTROL, isoDay, LONE_SURROGATE } from "@/lib/validation";
import {
  ANSWER_KEY_ALGORITHM,
  ANSWER_KEY_PATTERN,
  ANSWER_NONCE_PATTERN,
  ANSWER_SIGNATURE_ALGORITHM,
  ANSWER_SIGNATURE_PATTERN,
  answerMessage,
  fromBase64url,
  normalizeText,
} from "./answer-message";

export const QUESTION_MAX = 2000;
export const ANSWER_MAX = 4000;

/** A comment's public answer key: a P-256 point, checked when the comment arrives. */
export const answerKeySchema = z
  .string()
  .regex(ANSWER_KEY_PATTERN, "it must be a P-256 public key: the raw point in base64url (87 characters).")
  .refine((k) => fromBase64url(k)[0] === 4, "it must be an uncompressed P-256 point.");

const text = (label: "question" | "answer", min: number, max: number) => {
  const writeFirst = zodMessage(msg("Validation.text.writeFirst", { what: label }));
  const name = msg(`Validation.labels.${label}`);
  return z
    .string({ error: writeFirst })
    .transform(normalizeText)
    .pipe(
      z
        .string()
        .min(min, min > 1 ? zodMessage(msg("Validation.text.tooShort", { label: name, min })) : writeFirst)
        .max(max, zodMessage(msg("Validation.text.tooLong", { label: name, max })))
        .refine((s) => !CONTROL.test(s), zodMessage(msg("Validation.text.control", { label: name })))
        .refine((s) => !LONE_SURROGATE.test(s), zodMessage(msg("Validation.text.brokenCharacter", { label: name }))),
    )
    .pipe(markdownSchema(label));
};

export const askQuestionSchema = z.object({ body: text("question", 5, QUESTION_MAX) });

export const answerInputSchema = z.object({
  questionId: z.string().uuid("it must be a question's id."),
  body: text("answer", 1, ANSWER_MAX),
  nonce: z.string().regex(ANSWER_NONCE_PATTERN, "it must be 16 to 64 random bytes in base64url."),
  signature: z.string().regex(ANSWER_SIGNATURE_PATTERN, "it must be an ECDSA P-256 signature (64 bytes, base64url)."),
});

export type PublicQuestion = {
  id: string;
  day: string;
  askedBy: { name: string; role: "leadership" | "organizer" };
  bodyHtml: string;
  answer: { day: string; bodyHtml: string } | null;
};

/** The questions asked about these comments, oldest first, with their answers. */
export async function questionsFor(db: Db, commentIds: string[]): Promise<Map<string, PublicQuestion[]>> {
  const byComment = new Map<string, PublicQuestion[]>();
  if (commentIds.length === 0) return byComment;
  const rows = await db.commentQuestion.findMany({
    where: { commentId: { in: commentIds } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, commentId: true, role: true, body: true, createdAt: true, askedBy: { select: { name: true } }, answer: { select: { body: true, day: true } } },
  });
  for (const q of rows) {
    const item: PublicQuestion = {
      id: q.id,
      day: isoDay(q.createdAt),
      askedBy: { name: q.askedBy.name, role: q.role === "organizer" ? "organizer" : "leadership" },
      bodyHtml: renderMarkdown(q.body),
      answer: q.answer ? { day: q.answer.day, bodyHtml: renderMarkdown(q.answer.body) } : null,
    };
    byComment.set(q.commentId, [...(byComment.get(q.commentId) ?? []), item]);
  }
  return byComment;
}

/**
 * Asks the writer of a comment a question, on the record: leadership anywhere, a petition's
 * organizers on their petition's thread (the policy, lib/petitions/policy.ts, decides).
 */
export async function askQuestion(db: Db, actor: Actor | null, commentId: string, input: unknown) {
  const comment = await db.anonComment.findUnique({
    where: { id: commentId },
    select: { id: true, petitionId: true, hiddenReason: true, answerKey: true, petition: { select: { slug: true } }, program: { select: { slug: true } } },
  });
  const organizer = comment?.petitionId ? await isOrganizer(db, actor, comment.petitionId) : false;
  const asker = assertMayAsk(actor, { organizer });
  if (!comment) throw notFound(msg("Errors.common.noComment"));
  const { body } = parseInput(askQuestionSchema, input);
  if (comment.hiddenReason) throw conflict(msg("Errors.comments.moderatorHidCommentWriter"));
  if (!comment.answerKey) {
    throw conflict(msg("Errors.comments.commentWasWrittenBefore"));
  }
  const question = await db.commentQuestion.create({
    data: { id: randomUUID(), commentId, askedById: asker.id, role: askerRole(asker, { organizer }), body },
    select: { id: true },
  });
  invalidatePetitionPublic(comment.petitionId);
  return { id: question.id, petition: comment.petition, program: comment.program };
}

/** A verified answer waiting for its batch; nothing of it is in the database yet. */
export type QueuedAnswer = { questionId: string; body: string; petitionId: string | null };

export type PostedAnswer = { status: "queued"; publishAt: string };

async function verifies(answerKey: string, signature: string, message: Uint8Array<ArrayBuffer>): Promise<boolean> {
  try {
    const key = await webcrypto.subtle.importKey("raw", fromBase64url(answerKey), ANSWER_KEY_ALGORITHM, false, ["verify"]);
    return await webcrypto.subtle.verify(ANSWER_SIGNATURE_ALGORITHM, key, fromBase64url(signature), message);
  } catch {
    // A key that is not a point on the curve verifies nothing.
    return false;
  }
}

/** Refuses a comment's answer key that is not a point on P-256 (checked before the token counts). */
export async function assertAnswerKey(answerKey: string): Promise<void> {
  try {
    await webcrypto.subtle.importKey("raw", fromBase64url(answerKey), ANSWER_KEY_ALGORITHM, false, ["verify"]);
  } catch {
    throw new DomainError("invalid_input", msg("Errors.comments.answerKeyNotOnCurve"), { answerKey: "invalid" });
  }
}

const BAD_SIGNATURE = msg("Errors.comments.answerSignatureMismatch");

/**
 * Takes an answer as the author: no actor, no cookie. Checks the text, the question, and the
 * signature against the comment's answer key over (comment, question, text, nonce); refuses a
 * question already answered (a replay, or a second answer) and queues the answer for the next
 * batch. Re-sending the same answer while it waits is answered "queued" again. `admit` runs only
 * for a new, verified answer, just before it is queued (the route spends the global limit there).
 */
export async function answerAsAuthor(db: Db, input: unknown, options: { now?: Date; admit?: () => Promise<void> } = {}): Promise<PostedAnswer> {
  const data = parseInput(answerInputSchema, input);
  const now = options.now ?? new Date();
  const question = await db.commentQuestion.findUnique({
    where: { id: data.questionId },
    select: { id: true, commentId: true, answer: { select: { id: true } }, comment: { select: { answerKey: true, petitionId: true, hiddenReason: true } } },
  });
  if (!question) throw notFound(msg("Errors.comments.noQuestionId"));
  const key = question.comment.answerKey;
  const message = answerMessage({ commentId: question.commentId, questionId: question.id, body: data.body, nonce: data.nonce });
  if (!key || !(await verifies(key, data.signature, message))) throw new DomainError("invalid_input", BAD_SIGNATURE, { signature: "invalid" });
  if (question.answer) throw new DomainError("conflict", msg("Errors.comments.authorAlreadyAnsweredQuestion"), { question: "answered" });
  if (question.comment.hiddenReason) throw conflict(msg("Errors.comments.moderatorHidCommentTakes"));
  const batch = answerBatch(db);
  const waiting = batch.get(question.id);
  if (waiting && waiting.body !== data.body) {
    throw new DomainError("conflict", msg("Errors.comments.anotherAnswerQuestionAlready"), { question: "waiting" });
  }
  // The route spends the global budget here, for a verified new answer only: junk never counts.
  if (!waiting) await options.admit?.();
  try {
    const queued = batch.enqueue({ questionId: question.id, body: data.body, petitionId: question.comment.petitionId }, now);
    return { status: "queued", publishAt: queued.publishAt.toISOString() };
  } catch (error) {
    if (error instanceof QueueFullError) throw new DomainError("rate_limited", msg("Errors.comments.tooManyAnswersAre"));
    throw error;
  }
}

const batches = new WeakMap<Db, Batch<QueuedAnswer>>();

/**
 * This process's queue of answers for a database. It flushes at the comment batches' instants
 * (the same interval, the same wall clock), so answers are published together with comments.
 */
export function answerBatch(db: Db): Batch<QueuedAnswer> {
  let batch = batches.get(db);
  if (!batch) {
    batch = createBatch<QueuedAnswer>({
      name: "answers",
      intervalMs: () => serverConfig().UNDERSIGNED_COMMENT_BATCH_SECONDS * 1000,
      key: (a) => a.questionId,
      write: (items, now) => writeAnswerBatch(db, items, now),
    });
    batches.set(db, batch);
  }
  return batch;
}

const timers = new WeakSet<Db>();

/** Starts this process's answer batch timer, once (called by the answer route, like the comment route's). */
export function startAnswerBatches(db: Db): void {
  if (timers.has(db)) return;
  timers.add(db);
  answerBatch(db).start();
}

/** Publishes every answer waiting now (the timer calls this; tests call it directly). */
export const flushAnswers = (db: Db, now?: Date) => answerBatch(db).flush(now);

/**
 * Writes a batch in one transaction, in random order, each answer with a random UUID and the
 * day. An answer whose question was answered meanwhile (queued on two servers) or deleted is
 * skipped: the unique question id settles it.
 */
async function writeAnswerBatch(db: Db, items: QueuedAnswer[], now: Date): Promise<number> {
  const day = isoDay(now);
  const written = await db.$transaction(async (tx) => {
    const open = await tx.commentQuestion.findMany({ where: { id: { in: items.map((a) => a.questionId) }, answer: null }, select: { id: true } });
    const writable = new Set(open.map((q) => q.id));
    let count = 0;
    for (const a of shuffle(items.filter((x) => writable.has(x.questionId)))) {
      if (await insertCommentAnswerOnce(tx, { id: randomUUID(), questionId: a.questionId, body: a.body, day })) count++;
    }
    return count;
  });
  for (const a of items) invalidatePetitionPublic(a.petitionId);
  return written;
}
