// Anonymous comments on programs and petitions. Posting takes no actor at all: the only proof
// that an employee wrote it is a blind-signed token. A verified comment waits in memory for the
// next batch, which stores the spent tokens and the comments together in one transaction
// (lib/anonymity/batch.ts, docs/decisions/009). Flagging and hiding act on comments, never on authors (nobody knows them).
import { msg, zodMessage } from "@/lib/i18n/message";
import { z } from "zod";
import { requireActor, requireRole, type Actor } from "@/lib/auth/actor";
import { randomUUID } from "node:crypto";
import { createBatch, QueueFullError, shuffle, type Batch } from "@/lib/anonymity/batch";
import { checkToken, contentHash, tokenCrowd } from "@/lib/anonymity/tokens";
import { isoWeek } from "@/lib/anonymity/week";
import { serverConfig } from "@/lib/config";
import { getSettings } from "@/lib/settings";
import { isoDay, isRealDay, lookupKey, storableString } from "@/lib/validation";
import type { Db } from "@/lib/db/client";
import { insertSpentTokenOnce } from "@/lib/db/statements";
import { conflict, DomainError, isUniqueViolation, notFound, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { markdownSchema, renderMarkdown } from "@/lib/markdown";
import { decodeCursor, decodeCursorError, encodeCursor } from "@/lib/pagination/cursor";
import { invalidatePetitionPublic } from "@/lib/petitions/public-cache";
import { answerKeySchema, assertAnswerKey, questionsFor, type PublicQuestion } from "./conversation";

export const COMMENT_MAX = 4000;

export const threadSchema = z.union([
  z.object({ programSlug: lookupKey(200) }),
  z.object({ petitionId: lookupKey(100) }),
]);
export type Thread = z.infer<typeof threadSchema>;

export const postCommentSchema = z.object({
  thread: threadSchema,
  parentId: z.string().uuid("parentId must be a comment id.").optional(),
  body: z
    .string({ error: zodMessage(msg("Validation.comments.writeSomethingFirst")) })
    .transform((s) => s.normalize("NFC").replace(/\r\n?/g, "\n").trim())
    .pipe(
      storableString(
        z
          .string()
          .min(1, zodMessage(msg("Validation.comments.writeSomethingFirst")))
          .max(COMMENT_MAX, zodMessage(msg("Validation.comments.tooLong", { max: COMMENT_MAX }))),
        "comment",
      ),
    )
    .pipe(markdownSchema("comment")),
  token: z.unknown(),
  /** The public half of the key pair the browser made for this comment alone (docs/decisions/026). */
  answerKey: answerKeySchema.optional(),
});

export { FLAG_REASONS, FLAG_REASON_KEYS, flagReasonKey, type FlagReason } from "./flag-reasons";
import { FLAG_REASONS } from "./flag-reasons";
export const flagSchema = z.object({
  reason: z.enum(FLAG_REASONS, { error: zodMessage(msg("Validation.moderation.chooseReasonFromList")) }),
});

/** Resolves a thread to the column to store, refusing threads that cannot be discussed. */
async function resolveThread(db: Db, thread: Thread): Promise<{ programId: string } | { petitionId: string }> {
  if ("programSlug" in thread) {
    const program = await db.program.findUnique({ where: { slug: thread.programSlug }, select: { id: true } });
    if (!program) throw notFound(msg("Errors.common.noProgram"));
    return { programId: program.id };
  }
  const petition = await db.petition.findUnique({ where: { id: thread.petitionId }, select: { id: true, state: true } });
  if (!petition || (petition.state !== "open" && petition.state !== "closed")) {
    throw notFound(msg("Errors.common.noPublicPetition"));
  }
  return { petitionId: petition.id };
}

/**
 * A verified comment waiting for its batch; nothing of it is in the database yet. Not even the
 * token's key: the batch stores its spent tokens with the batch's week, never the week of each
 * token's key (docs/decisions/028).
 */
export type QueuedComment = {
  nonceHash: string;
  contentHash: string;
  target: { programId: string } | { petitionId: string };
  parentId: string | null;
  body: string;
  answerKey: string | null;
};

export type PostedComment =
  | { status: "published" }
  | { status: "queued"; publishAt: string; crowd: Crowd };

export type Crowd = { people: number; k: number; weeks: string[] };

/** How large the crowd is that a comment published now hides in, and the smallest allowed (k). */
export async function commentCrowd(db: Db, now: Date = new Date()): Promise<Crowd> {
  const [crowd, settings] = await Promise.all([tokenCrowd(db, now), getSettings(db)]);
  return { ...crowd, k: settings.anonymityK };
}

/**
 * Takes an anonymous comment: checks the text, the token (signature, week), the thread, that the
 * token was not spent and is not already waiting, and queues it for the next batch. Nothing is
 * written now (docs/decisions/009). `admit` runs only for a new, valid comment, just before it is
 * queued: the route spends the global rate limit there, so junk never counts against it.
 *
 * Re-sending the same token with the same comment is how the browser makes sure nothing is lost:
 * it is answered "queued" while the comment waits and "published" once it is stored.
 */
export async function postAnonymousComment(
  db: Db,
  input: unknown,
  options: { now?: Date; admit?: () => Promise<void> } = {},
): Promise<PostedComment> {
  const data = parseInput(postCommentSchema, input);
  const now = options.now ?? new Date();
  const token = await checkToken(db, data.token, now);
  if (data.answerKey) await assertAnswerKey(data.answerKey);
  const target = await resolveThread(db, data.thread);
  const parentId = data.parentId ?? null;
  if (parentId) {
    const parent = await db.anonComment.findUnique({ where: { id: parentId } });
    const sameThread = parent && ("programId" in target ? parent.programId === target.programId : parent.petitionId === target.petitionId);
    if (!parent || !sameThread) throw notFound(msg("Errors.comments.commentReplyDiscussion"));
    if (parent.parentId) throw new DomainError("invalid_input", msg("Errors.comments.repliesGoOneLevel"));
  }
  const answerKey = data.answerKey ?? null;
  // The key is part of what the token paid for; comments without one hash as they always did.
  const hash = contentHash(token.nonce, answerKey ? { target, parentId, body: data.body, answerKey } : { target, parentId, body: data.body });
  const spent = await db.spentToken.findUnique({ where: { nonceHash: token.nonceHash } });
  if (spent) {
    if (spent.contentHash === hash) return { status: "published" };
    throw new DomainError("conflict", msg("Errors.comments.tokenWasAlreadyUsed"), { token: "spent" });
  }
  const batch = commentBatch(db);
  const waiting = batch.get(token.nonceHash);
  if (waiting && waiting.contentHash !== hash) {
    throw new DomainError("conflict", msg("Errors.comments.tokenAlreadyWaitingPublished"), { token: "spent" });
  }
  if (!waiting) await options.admit?.();
  let queued;
  try {
    queued = batch.enqueue({ nonceHash: token.nonceHash, contentHash: hash, target, parentId, body: data.body, answerKey }, now);
  } catch (error) {
    if (error instanceof QueueFullError) throw new DomainError("rate_limited", msg("Errors.comments.tooManyCommentsAre"));
    throw error;
  }
  return { status: "queued", publishAt: queued.publishAt.toISOString(), crowd: await commentCrowd(db, now) };
}

/** Seconds between comment batches: UNDERSIGNED_COMMENT_BATCH_SECONDS, default 300 (5 minutes). */
export function commentBatchSeconds(): number {
  return serverConfig().UNDERSIGNED_COMMENT_BATCH_SECONDS;
}

const batches = new WeakMap<Db, Batch<QueuedComment>>();

/** This process's queue of comments for a database (one per database, so tests stay apart). */
export function commentBatch(db: Db): Batch<QueuedComment> {
  let batch = batches.get(db);
  if (!batch) {
    batch = createBatch<QueuedComment>({
      name: "comments",
      intervalMs: () => commentBatchSeconds() * 1000,
      key: (c) => c.nonceHash,
      write: (items, now) => writeCommentBatch(db, items, now),
      // A batch waits until at least k people hold tokens that verify (decision 009).
      ready: async (now) => {
        const crowd = await commentCrowd(db, now);
        return crowd.people >= crowd.k;
      },
    });
    batches.set(db, batch);
  }
  return batch;
}

const timers = new WeakSet<Db>();

/**
 * Starts this process's batch timer for a database, once. Called by the comment route itself:
 * Next.js bundles instrumentation apart from route handlers, so a timer started there would
 * flush another copy of the queue.
 */
export function startCommentBatches(db: Db): void {
  if (timers.has(db)) return;
  timers.add(db);
  commentBatch(db).start();
}

/** Publishes everything waiting now (the timer calls this; tests and the seed call it directly). */
export const flushComments = (db: Db, now?: Date) => commentBatch(db).flush(now);

/**
 * Writes a batch in one transaction: the spent tokens in one random order (each with the batch's
 * week only), then the comments in another, each with a random UUID and only the day. A token spent meanwhile (the same comment
 * queued on another server, or re-sent after a restart) is skipped together with its comment,
 * and so is a comment whose thread or parent was deleted while it waited.
 */
async function writeCommentBatch(db: Db, items: QueuedComment[], now: Date): Promise<number> {
  const day = isoDay(now);
  const written = await db.$transaction(async (tx) => {
    const ids = (pick: (c: QueuedComment) => string | null | undefined) => [...new Set(items.map(pick).filter((x): x is string => !!x))];
    const [parents, programs, petitions] = [
      await tx.anonComment.findMany({ where: { id: { in: ids((c) => c.parentId) } }, select: { id: true } }),
      await tx.program.findMany({ where: { id: { in: ids((c) => ("programId" in c.target ? c.target.programId : null)) } }, select: { id: true } }),
      await tx.petition.findMany({ where: { id: { in: ids((c) => ("petitionId" in c.target ? c.target.petitionId : null)) } }, select: { id: true } }),
    ];
    const exists = new Set([...parents, ...programs, ...petitions].map((r) => r.id));
    const writable = items.filter((c) => (!c.parentId || exists.has(c.parentId)) && exists.has("programId" in c.target ? c.target.programId : c.target.petitionId));
    const paid = new Set<string>();
    // Every spent token of the batch gets the batch's week, not its key's: a key week per token
    // would say, for a batch after a week's start, whether its writer collected before or after
    // that start, and the week's record names those who collected after (docs/decisions/028).
    const week = isoWeek(now);
    for (const c of shuffle(writable)) {
      if (await insertSpentTokenOnce(tx, { nonceHash: c.nonceHash, week, contentHash: c.contentHash })) paid.add(c.nonceHash);
    }
    const comments = shuffle(writable.filter((c) => paid.has(c.nonceHash)));
    for (const c of comments) {
      await tx.anonComment.create({ data: { id: randomUUID(), ...c.target, parentId: c.parentId, body: c.body, answerKey: c.answerKey, day }, select: { id: true } });
    }
    return comments.length;
  });
  // The petitions' pages show the new comments on their next view (decision 019).
  for (const c of items) if ("petitionId" in c.target) invalidatePetitionPublic(c.target.petitionId);
  return written;
}

export type PublicComment = {
  id: string;
  day: string;
  bodyHtml: string | null;
  hidden: { reason: string; day: string } | null;
  /** The comment's public answer key: the writer's browser finds its own comments by it. */
  answerKey: string | null;
  /** The writer's name, when they chose to reveal it (for good), and the day they did. */
  revealed: { name: string; day: string } | null;
  /** Questions asked of its writer, oldest first, each with the author's answer once published. */
  questions: PublicQuestion[];
  replies: PublicComment[];
};

type CommentRow = {
  id: string;
  day: string;
  body: string;
  hiddenReason: string | null;
  hiddenDay: string | null;
  answerKey: string | null;
  reveal: { day: string; user: { name: string } } | null;
};

function toPublic(c: CommentRow, questions: Map<string, PublicQuestion[]>, replies: PublicComment[] = []): PublicComment {
  const hidden = c.hiddenReason ? { reason: c.hiddenReason, day: c.hiddenDay ?? c.day } : null;
  return { id: c.id, day: c.day, bodyHtml: hidden ? null : renderMarkdown(c.body), hidden, answerKey: c.answerKey, revealed: c.reveal ? { name: c.reveal.user.name, day: c.reveal.day } : null, questions: questions.get(c.id) ?? [], replies };
}

const PUBLIC_FIELDS = { id: true, day: true, body: true, hiddenReason: true, hiddenDay: true, parentId: true, answerKey: true, reveal: { select: { day: true, user: { select: { name: true } } } } } as const;

/**
 * A thread's comments, newest day first, with their replies. Within a day the order is by
 * random id, so it says nothing about who posted first.
 */
export async function listComments(db: Db, thread: Thread, opts: { cursor?: string; limit?: number } = {}) {
  const target = await resolveThread(db, parseInput(threadSchema, thread));
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), 100);
  const after: Prisma.AnonCommentWhereInput = {};
  if (opts.cursor) {
    const c = decodeCursor(opts.cursor);
    if (typeof c.value !== "string" || !isRealDay(c.value)) throw decodeCursorError();
    after.OR = [{ day: { lt: c.value } }, { day: c.value, id: { gt: c.id } }];
  }
  const rows = await db.anonComment.findMany({
    where: { ...target, parentId: null, ...after },
    orderBy: [{ day: "desc" }, { id: "asc" }],
    take: limit + 1,
    select: PUBLIC_FIELDS,
  });
  const page = rows.slice(0, limit);
  const replies = await db.anonComment.findMany({
    where: { parentId: { in: page.map((r) => r.id) } },
    orderBy: [{ day: "asc" }, { id: "asc" }],
    select: PUBLIC_FIELDS,
  });
  const questions = await questionsFor(db, [...page, ...replies].map((c) => c.id));
  const byParent = new Map<string, PublicComment[]>();
  for (const r of replies) byParent.set(r.parentId!, [...(byParent.get(r.parentId!) ?? []), toPublic(r, questions)]);
  const last = page[page.length - 1];
  return {
    items: page.map((c) => toPublic(c, questions, byParent.get(c.id) ?? [])),
    nextCursor: rows.length > limit && last ? encodeCursor(last.day, last.id) : null,
  };
}

export async function flagComment(db: Db, actor: Actor | null, commentId: string, input: unknown) {
  const reporter = requireActor(actor, "flag a comment");
  const { reason } = parseInput(flagSchema, input);
  const comment = await db.anonComment.findUnique({ where: { id: commentId }, select: { id: true } });
  if (!comment) throw notFound(msg("Errors.common.noComment"));
  try {
    await db.commentFlag.create({ data: { commentId, userId: reporter.id, reason } });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(msg("Errors.comments.alreadyFlaggedCommentModerators"));
    throw error;
  }
}

/** Flagged comments that are still visible, most flagged first, for moderators only. */
export async function listFlaggedComments(db: Db, actor: Actor | null) {
  requireRole(actor, ["moderator"], "see flagged comments");
  const rows = await db.anonComment.findMany({
    where: { hiddenReason: null, flags: { some: {} } },
    select: {
      ...PUBLIC_FIELDS,
      program: { select: { slug: true, name: true } },
      petition: { select: { slug: true, title: true } },
      flags: { select: { reason: true } },
    },
    take: 200,
  });
  return rows
    .map((r) => ({
      ...toPublic(r, new Map()),
      where: r.program ? { href: `/programs/${r.program.slug}`, title: r.program.name } : { href: `/petitions/${r.petition!.slug}`, title: r.petition!.title },
      flags: r.flags.length,
      reasons: [...new Set(r.flags.map((f) => f.reason))],
    }))
    .sort((a, b) => b.flags - a.flags);
}
