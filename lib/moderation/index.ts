// Moderation in the open: moderators hide a petition or a comment with a reason from the list
// plus an explanation; the content keeps its place with the reason; every action is in a public
// log that names the moderator's role, never the moderator. Organizers may appeal once; an
// admin decides, and the decision is logged too.
import { label, msg, zodMessage, type DomainMessage } from "@/lib/i18n/message";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { requireActor, requireRole, type Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { conflict, isUniqueViolation, notFound, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { findPetitionOr404 } from "@/lib/petitions/access";
import { assertCan, requireRoleFor, viewerOf } from "@/lib/petitions/policy";
import type { FLAG_REASONS } from "@/lib/comments";
import { renderMarkdown } from "@/lib/markdown";
import { newestFirstAfter, newestFirstPage } from "@/lib/pagination/cursor";
import { isoDay, storableString } from "@/lib/validation";
import { recordEvent } from "@/lib/timeline/record";
import { invalidatePetitionPublic } from "@/lib/petitions/public-cache";

export { DUPLICATE_REASON, isModerationReasonKey, MODERATION_REASONS, translatedReason, type ReasonCode } from "./reasons";
import { DUPLICATE_REASON, MODERATION_REASONS, publicReason, type ReasonCode } from "./reasons";

export const hideInputSchema = z.object({
  reasonCode: z.enum(Object.keys(MODERATION_REASONS) as [ReasonCode, ...ReasonCode[]], { error: zodMessage(msg("Validation.moderation.chooseReasonFromList")) }),
  reasonText: storableString(z.string({ error: zodMessage(msg("Validation.moderation.explainDecision")) }).trim().min(5, zodMessage(msg("Validation.moderation.explainDecisionLeast5"))).max(300, zodMessage(msg("Validation.moderation.explanationMost300Characters"))), "explanation"),
});


/** Hides a petition; its organizers are notified, and the public log records it. */
export async function hidePetition(db: Db, actor: Actor | null, petitionId: string, input: unknown, clock: { now?: Date } = {}) {
  const moderator = requireRole(actor, ["moderator"], "hide petitions");
  const { reasonCode, reasonText } = parseInput(hideInputSchema, input);
  const now = clock.now ?? new Date();
  const petition = await db.petition.findUnique({ where: { id: petitionId } });
  if (!petition) throw notFound(msg("Errors.common.noPublicPetition"));
  assertCan(await viewerOf(db, moderator, petition), petition, "moderate", now);
  const reason = publicReason(reasonCode, reasonText);
  const hidden = await db.$transaction(async (tx) => {
    await tx.petition.update({ where: { id: petitionId }, data: { hiddenReason: reason, hiddenAt: now } });
    const action = await tx.moderationAction.create({
      data: { targetType: "petition", targetId: petitionId, targetLabel: petition.title, action: "hide", reasonCode, reasonText, actorRole: moderator.role, createdAt: now },
    });
    await recordAudit(tx, moderator, "moderation.hide", petitionId, { type: "petition", reasonCode, reasonText }, now);
    await notifyOrganizers(tx, petitionId, msg("Timeline.hiddenByModerator", { title: petition.title, reason: msg("Timeline.reason", { rule: label(`ModerationReason.${reasonCode}`), text: reasonText }) }), now);
    return { ...action, petition: { slug: petition.slug } };
  });
  invalidatePetitionPublic(petitionId);
  return hidden;
}

/** Tells a petition's organizers, through an event on the public timeline and a notification. */
async function notifyOrganizers(tx: Prisma.TransactionClient, petitionId: string, summary: DomainMessage, at: Date) {
  const event = await recordEvent(tx, { kind: "petition_moderated", petitionId, summary, at });
  const organizers = await tx.petitionOrganizer.findMany({ where: { petitionId }, select: { userId: true } });
  const already = new Set((await tx.notification.findMany({ where: { eventId: event.id }, select: { userId: true } })).map((n) => n.userId));
  const missing = organizers.filter((o) => !already.has(o.userId));
  if (missing.length) await tx.notification.createMany({ data: missing.map((o) => ({ userId: o.userId, eventId: event.id, createdAt: at })) });
}

/** Hides an anonymous comment with a public reason in its place. Needs no author. */
export async function hideComment(db: Db, actor: Actor | null, commentId: string, input: unknown, clock: { now?: Date } = {}) {
  const moderator = requireRoleFor(actor, "comment.hide");
  const { reasonCode, reasonText } = parseInput(hideInputSchema, input);
  const now = clock.now ?? new Date();
  const comment = await db.anonComment.findUnique({
    where: { id: commentId },
    select: { id: true, hiddenReason: true, petitionId: true, program: { select: { name: true, slug: true } }, petition: { select: { title: true, slug: true } } },
  });
  if (!comment) throw notFound(msg("Errors.common.noComment"));
  if (comment.hiddenReason) throw conflict(msg("Errors.moderation.commentAlreadyHidden"));
  const where = comment.program?.name ?? comment.petition?.title ?? "a discussion";
  await db.$transaction(async (tx) => {
    await tx.anonComment.update({ where: { id: commentId }, data: { hiddenReason: publicReason(reasonCode, reasonText), hiddenDay: isoDay(now) } });
    await tx.moderationAction.create({
      data: { targetType: "comment", targetId: commentId, targetLabel: `A comment on “${where}”`, action: "hide", reasonCode, reasonText, actorRole: moderator.role, createdAt: now },
    });
    await recordAudit(tx, moderator, "moderation.hide", commentId, { type: "comment", reasonCode, reasonText }, now);
  });
  invalidatePetitionPublic(comment.petitionId);
  return { petition: comment.petition, program: comment.program };
}

export const appealInputSchema = z.object({
  text: storableString(z.string({ error: zodMessage(msg("Validation.moderation.sayWhyDecisionWrongRequired")) }).trim().min(10, zodMessage(msg("Validation.moderation.sayWhyDecisionWrong"))).max(2000, zodMessage(msg("Validation.moderation.appealAtMost", { max: 2000 }))), "appeal"),
});

/** An organizer appeals the hiding of their petition, once. */
export async function fileAppeal(db: Db, actor: Actor | null, petitionId: string, input: unknown, clock: { now?: Date } = {}) {
  const organizer = requireActor(actor, "appeal");
  const { text } = parseInput(appealInputSchema, input);
  const petition = await findPetitionOr404(db, { id: petitionId });
  assertCan(await viewerOf(db, organizer, petition), petition, "appeal");
  const action = await db.moderationAction.findFirst({
    where: { targetType: "petition", targetId: petitionId, action: "hide" },
    orderBy: { createdAt: "desc" },
    include: { appeal: true },
  });
  if (!action) throw conflict(msg("Errors.moderation.petitionHiddenThereNothing"));
  try {
    const appeal = await db.appeal.create({ data: { actionId: action.id, userId: organizer.id, text, createdAt: clock.now ?? new Date() } });
    return { ...appeal, petition: { slug: petition.slug } };
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(msg("Errors.moderation.decisionWasAlreadyAppealed"));
    throw error;
  }
}

export const decisionInputSchema = z.object({
  outcome: z.enum(["upheld", "overturned"], { error: zodMessage(msg("Validation.moderation.chooseUpholdOverturn")) }),
  note: storableString(z.string().trim().min(5, zodMessage(msg("Validation.moderation.explainDecisionLeast5"))).max(1000), "decisionNote"),
});

/** An admin decides an appeal; overturning restores the petition. Logged publicly and audited. */
export async function decideAppeal(db: Db, actor: Actor | null, appealId: string, input: unknown, clock: { now?: Date } = {}) {
  const admin = requireRole(actor, ["admin"], "decide appeals");
  const { outcome, note } = parseInput(decisionInputSchema, input);
  const now = clock.now ?? new Date();
  const appeal = await db.appeal.findUnique({ where: { id: appealId }, include: { action: true } });
  if (!appeal) throw notFound(msg("Errors.moderation.noAppealId"));
  if (appeal.status !== "pending") throw conflict(msg("Errors.moderation.appealWasAlreadyDecided"));
  const decided = await db.$transaction(async (tx) => {
    await tx.appeal.update({ where: { id: appealId }, data: { status: outcome, decision: note, decidedAt: now } });
    const petition = await tx.petition.findUniqueOrThrow({ where: { id: appeal.action.targetId }, select: { id: true, title: true, slug: true } });
    if (outcome === "overturned") {
      await tx.petition.update({ where: { id: petition.id }, data: { hiddenReason: null, hiddenAt: null } });
      await tx.moderationAction.create({
        data: { targetType: "petition", targetId: petition.id, targetLabel: petition.title, action: "restore", reasonCode: appeal.action.reasonCode, reasonText: `Appeal upheld the organizers: ${note}`, actorRole: admin.role, createdAt: now },
      });
    }
    await recordAudit(tx, admin, "appeal.decide", appealId, { petitionId: petition.id, outcome, note }, now);
    await notifyOrganizers(tx, petition.id, msg(outcome === "overturned" ? "Timeline.appealGranted" : "Timeline.appealRefused", { title: petition.title, note }), now);
    return { petition: { slug: petition.slug } };
  });
  invalidatePetitionPublic(appeal.action.targetId);
  return decided;
}

export async function listAppeals(db: Db, actor: Actor | null) {
  requireRole(actor, ["admin"], "see appeals");
  const rows = await db.appeal.findMany({ where: { status: "pending" }, orderBy: { createdAt: "asc" }, include: { action: true } });
  // `reason` is the rule's English name and the explanation; a page names the rule in its reader's language (translatedReason).
  return rows.map((a) => ({ id: a.id, text: a.text, createdAt: a.createdAt.toISOString(), target: a.action.targetLabel, reason: publicReason(a.action.reasonCode as ReasonCode, a.action.reasonText) }));
}

/** The public moderation log: what, when, why, which role; never who. */
export async function listModerationLog(db: Db, opts: { cursor?: string; limit?: number } = {}) {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 100);
  const rows = await db.moderationAction.findMany({ where: newestFirstAfter(opts.cursor), orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit + 1, include: { appeal: true } });
  const { page, nextCursor } = newestFirstPage(rows, limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.createdAt.toISOString(),
      what: r.targetLabel,
      targetType: r.targetType,
      action: r.action,
      reason: r.reasonCode === "duplicate" ? DUPLICATE_REASON : (MODERATION_REASONS[r.reasonCode as ReasonCode] ?? r.reasonCode),
      /** The rule's code ("duplicate" for a duplicate closing): a page names it with `ModerationReason`. */
      reasonCode: r.reasonCode,
      explanation: r.reasonText,
      role: r.actorRole,
      appeal: r.appeal ? { status: r.appeal.status, decision: r.appeal.decision } : null,
    })),
    nextCursor,
  };
}

/** The rule a flag's reason names, so the moderator starts from what the flagger said (none for "Other"). */
export const FLAG_REASON_CODES: Record<(typeof FLAG_REASONS)[number], ReasonCode | null> = {
  "Identifies a person": "identifies",
  "Harassment or insult": "harassment",
  "Spam or off topic": "spam",
  "Confidential information": "confidential",
  Other: null,
};

const commentPlace = (c: { program: { name: string } | null; petition: { title: string } | null }) =>
  `A comment on “${c.program?.name ?? c.petition?.title ?? "a discussion"}”`;

export const restoreInputSchema = z.object({
  reasonText: storableString(z.string({ error: zodMessage(msg("Validation.moderation.sayWhyHideUndoneRequired")) }).trim().min(5, zodMessage(msg("Validation.moderation.sayWhyHideUndone"))).max(300, zodMessage(msg("Validation.moderation.explanationMost300Characters"))), "explanation"),
});

/**
 * Undoes the hiding of a comment: the text shows again, and the public log records the undo
 * with its reason, beside the hide it undoes.
 */
export async function restoreComment(db: Db, actor: Actor | null, commentId: string, input: unknown, clock: { now?: Date } = {}) {
  const moderator = requireRoleFor(actor, "comment.restore");
  const { reasonText } = parseInput(restoreInputSchema, input);
  const now = clock.now ?? new Date();
  const comment = await db.anonComment.findUnique({
    where: { id: commentId },
    select: { id: true, hiddenReason: true, petitionId: true, program: { select: { name: true, slug: true } }, petition: { select: { title: true, slug: true } } },
  });
  if (!comment) throw notFound(msg("Errors.common.noComment"));
  if (!comment.hiddenReason) throw conflict(msg("Errors.moderation.commentHiddenThereNothing"));
  const hide = await db.moderationAction.findFirst({ where: { targetType: "comment", targetId: commentId, action: "hide" }, orderBy: { createdAt: "desc" } });
  await db.$transaction(async (tx) => {
    const { count } = await tx.anonComment.updateMany({ where: { id: commentId, hiddenReason: { not: null } }, data: { hiddenReason: null, hiddenDay: null } });
    if (count !== 1) throw conflict(msg("Errors.moderation.commentHiddenThereNothing"));
    // The comment's flags were answered by the hide; they do not send it back to the queue.
    await tx.commentFlag.deleteMany({ where: { commentId } });
    await tx.moderationAction.create({
      data: { targetType: "comment", targetId: commentId, targetLabel: commentPlace(comment), action: "restore", reasonCode: hide?.reasonCode ?? "spam", reasonText, actorRole: moderator.role, createdAt: now },
    });
    await recordAudit(tx, moderator, "moderation.restore", commentId, { type: "comment", reasonText }, now);
  });
  invalidatePetitionPublic(comment.petitionId);
  return { petition: comment.petition, program: comment.program };
}

/**
 * Dismisses the flags on a comment that breaks no rule: it leaves the queue and stays visible.
 * Flags name their reporters, so they are deleted rather than kept; the audit records the count.
 */
export async function dismissFlags(db: Db, actor: Actor | null, commentId: string, clock: { now?: Date } = {}) {
  const moderator = requireRoleFor(actor, "flag.dismiss");
  const comment = await db.anonComment.findUnique({
    where: { id: commentId },
    select: { id: true, program: { select: { slug: true } }, petition: { select: { slug: true } } },
  });
  if (!comment) throw notFound(msg("Errors.common.noComment"));
  const dismissed = await db.$transaction(async (tx) => {
    const { count } = await tx.commentFlag.deleteMany({ where: { commentId } });
    if (count === 0) throw conflict(msg("Errors.moderation.commentHasNoFlags"));
    await recordAudit(tx, moderator, "moderation.dismiss", commentId, { type: "comment", flags: count }, clock.now ?? new Date());
    return count;
  });
  return { dismissed, petition: comment.petition, program: comment.program };
}

type QueueComment = { id: string; day: string; bodyHtml: string | null; hidden: boolean };

/**
 * The moderation queue: each flagged, visible comment with its thread (the comment it answers,
 * and the comments beside it: the parent's other replies, or the thread's other top-level
 * comments of the same day), its flags' reasons and the rule those reasons suggest.
 */
export async function listModerationQueue(db: Db, actor: Actor | null) {
  requireRoleFor(actor, "flag.list");
  const rows = await db.anonComment.findMany({
    where: { hiddenReason: null, flags: { some: {} } },
    select: {
      id: true, day: true, body: true, parentId: true, programId: true, petitionId: true,
      program: { select: { slug: true, name: true } },
      petition: { select: { slug: true, title: true } },
      flags: { select: { reason: true } },
      parent: { select: { id: true, day: true, body: true, hiddenReason: true } },
    },
    take: 100,
  });
  const view = (c: { id: string; day: string; body: string; hiddenReason: string | null }): QueueComment =>
    ({ id: c.id, day: c.day, bodyHtml: c.hiddenReason ? null : renderMarkdown(c.body), hidden: c.hiddenReason !== null });
  const items = await Promise.all(
    rows.map(async (r) => {
      const neighbours = await db.anonComment.findMany({
        where: r.parentId
          ? { parentId: r.parentId, id: { not: r.id } }
          : { parentId: null, day: r.day, programId: r.programId, petitionId: r.petitionId, id: { not: r.id } },
        orderBy: [{ day: "asc" }, { id: "asc" }],
        take: 4,
        select: { id: true, day: true, body: true, hiddenReason: true },
      });
      const counts = new Map<string, number>();
      for (const f of r.flags) counts.set(f.reason, (counts.get(f.reason) ?? 0) + 1);
      const reasons = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([reason, count]) => ({ reason, count }));
      const top = reasons[0]?.reason as (typeof FLAG_REASONS)[number] | undefined;
      return {
        id: r.id,
        day: r.day,
        bodyHtml: renderMarkdown(r.body),
        where: r.program ? { href: `/programs/${r.program.slug}`, title: r.program.name } : { href: `/petitions/${r.petition!.slug}`, title: r.petition!.title },
        flags: r.flags.length,
        reasons,
        /** The rule the most given flag reason names; null when the flags only say "Other". */
        suggestedCode: top ? FLAG_REASON_CODES[top] ?? null : null,
        parent: r.parent ? view(r.parent) : null,
        neighbours: neighbours.map(view),
      };
    }),
  );
  return items.sort((a, b) => b.flags - a.flags);
}

/** Comments hidden most recently, so a moderator can undo a hide. */
export async function listHiddenComments(db: Db, actor: Actor | null) {
  requireRoleFor(actor, "comment.restore");
  const rows = await db.anonComment.findMany({
    where: { hiddenReason: { not: null } },
    orderBy: [{ hiddenDay: "desc" }, { id: "asc" }],
    take: 20,
    select: { id: true, body: true, hiddenReason: true, hiddenDay: true, program: { select: { slug: true, name: true } }, petition: { select: { slug: true, title: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    bodyHtml: renderMarkdown(r.body),
    reason: r.hiddenReason!,
    hiddenDay: r.hiddenDay,
    where: r.program ? { href: `/programs/${r.program.slug}`, title: r.program.name } : { href: `/petitions/${r.petition!.slug}`, title: r.petition!.title },
  }));
}
