// Anonymous comments on programs and petitions. Posting takes no actor at all: the only proof
// that an employee wrote it is a blind-signed token, spent in the same transaction as the
// comment is stored. Flagging and hiding act on comments, never on authors (nobody knows them).
import { z } from "zod";
import { requireActor, requireRole, type Actor } from "@/lib/auth/actor";
import { checkToken } from "@/lib/anonymity/tokens";
import { CONTROL, isoDay, isRealDay, LONE_SURROGATE } from "@/lib/validation";
import type { Db } from "@/lib/db/client";
import { conflict, DomainError, isUniqueViolation, notFound, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { markdownSchema, renderMarkdown } from "@/lib/markdown";
import { decodeCursor, decodeCursorError, encodeCursor } from "@/lib/pagination/cursor";

export const COMMENT_MAX = 4000;

export const threadSchema = z.union([
  z.object({ programSlug: z.string().min(1).max(200) }),
  z.object({ petitionId: z.string().min(1).max(100) }),
]);
export type Thread = z.infer<typeof threadSchema>;

export const postCommentSchema = z.object({
  thread: threadSchema,
  parentId: z.string().uuid("parentId must be a comment id.").optional(),
  body: z
    .string({ error: "Write something first." })
    .transform((s) => s.normalize("NFC").replace(/\r\n?/g, "\n").trim())
    .pipe(
      z
        .string()
        .min(1, "Write something first.")
        .max(COMMENT_MAX, `A comment can be at most ${COMMENT_MAX.toLocaleString("en")} characters.`)
        .refine((s) => !CONTROL.test(s), "The comment contains control characters.")
        .refine((s) => !LONE_SURROGATE.test(s), "The comment contains a broken character (half of an emoji or other symbol); please retype it."),
    )
    .pipe(markdownSchema("The comment")),
  token: z.unknown(),
});

export const FLAG_REASONS = ["Identifies a person", "Harassment or insult", "Spam or off topic", "Confidential information", "Other"] as const;
export const flagSchema = z.object({
  reason: z.enum(FLAG_REASONS, { error: "Choose a reason from the list." }),
});

/** Resolves a thread to the column to store, refusing threads that cannot be discussed. */
async function resolveThread(db: Db, thread: Thread): Promise<{ programId: string } | { petitionId: string }> {
  if ("programSlug" in thread) {
    const program = await db.program.findUnique({ where: { slug: thread.programSlug }, select: { id: true } });
    if (!program) throw notFound("No monitoring program at this address.");
    return { programId: program.id };
  }
  const petition = await db.petition.findUnique({ where: { id: thread.petitionId }, select: { id: true, state: true } });
  if (!petition || (petition.state !== "open" && petition.state !== "closed")) {
    throw notFound("No public petition with this id.");
  }
  return { petitionId: petition.id };
}

export async function postAnonymousComment(db: Db, input: unknown, clock: { now?: Date } = {}) {
  const data = parseInput(postCommentSchema, input);
  const now = clock.now ?? new Date();
  const target = await resolveThread(db, data.thread);
  if (data.parentId) {
    const parent = await db.anonComment.findUnique({ where: { id: data.parentId } });
    const sameThread = parent && ("programId" in target ? parent.programId === target.programId : parent.petitionId === target.petitionId);
    if (!parent || !sameThread) throw notFound("The comment you reply to is not in this discussion.");
    if (parent.parentId) throw new DomainError("invalid_input", "Replies go one level deep; reply to the first comment instead.");
  }
  const spent = await checkToken(db, data.token, now);
  try {
    return await db.$transaction(async (tx) => {
      await tx.spentToken.create({ data: spent });
      return tx.anonComment.create({
        data: { ...target, parentId: data.parentId, body: data.body, keyId: spent.keyId, day: isoDay(now) },
        select: { id: true, day: true },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError("conflict", "This token was already used. Each token pays for one comment.", { token: "spent" });
    }
    throw error;
  }
}

export type PublicComment = {
  id: string;
  day: string;
  bodyHtml: string | null;
  hidden: { reason: string; day: string } | null;
  replies: PublicComment[];
};

function toPublic(c: { id: string; day: string; body: string; hiddenReason: string | null; hiddenDay: string | null }, replies: PublicComment[] = []): PublicComment {
  const hidden = c.hiddenReason ? { reason: c.hiddenReason, day: c.hiddenDay ?? c.day } : null;
  return { id: c.id, day: c.day, bodyHtml: hidden ? null : renderMarkdown(c.body), hidden, replies };
}

const PUBLIC_FIELDS = { id: true, day: true, body: true, hiddenReason: true, hiddenDay: true, parentId: true } as const;

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
  const byParent = new Map<string, PublicComment[]>();
  for (const r of replies) byParent.set(r.parentId!, [...(byParent.get(r.parentId!) ?? []), toPublic(r)]);
  const last = page[page.length - 1];
  return {
    items: page.map((c) => toPublic(c, byParent.get(c.id) ?? [])),
    nextCursor: rows.length > limit && last ? encodeCursor(last.day, last.id) : null,
  };
}

export async function flagComment(db: Db, actor: Actor | null, commentId: string, input: unknown) {
  const reporter = requireActor(actor, "flag a comment");
  const { reason } = parseInput(flagSchema, input);
  const comment = await db.anonComment.findUnique({ where: { id: commentId }, select: { id: true } });
  if (!comment) throw notFound("No comment with this id.");
  try {
    await db.commentFlag.create({ data: { commentId, userId: reporter.id, reason } });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict("You already flagged this comment; moderators will look at it.");
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
      ...toPublic(r),
      where: r.program ? { href: `/programs/${r.program.slug}`, title: r.program.name } : { href: `/petitions/${r.petition!.slug}`, title: r.petition!.title },
      flags: r.flags.length,
      reasons: [...new Set(r.flags.map((f) => f.reason))],
    }))
    .sort((a, b) => b.flags - a.flags);
}
