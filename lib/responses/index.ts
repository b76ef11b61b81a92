// Leadership's answers on the record: responses to petitions and programs, their corrections,
// the program status changes they make and the commitments they carry.
import { day, label, msg, zodMessage } from "@/lib/i18n/message";
import { z } from "zod";
import { requireActor, requireRole, ROLE_LABELS, ROLES, type Actor, type Role } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { DomainError, notFound, parseInput } from "@/lib/errors";
import { markdownText, renderMarkdown } from "@/lib/markdown";
import { findForOrganizer } from "@/lib/petitions/access";
import { PROGRAM_STATUSES, recordStatusChange, type ProgramStatus } from "@/lib/programs";
import { requireRoleFor } from "@/lib/petitions/policy";
import { recordEvent } from "@/lib/timeline/record";
import { isRealDay, lookupKey, storableString } from "@/lib/validation";
import { invalidatePetitionPublic } from "@/lib/petitions/public-cache";

const DAY = 86_400_000;
export const commitmentInputSchema = z.object({
  text: storableString(z.string().trim().min(5, zodMessage(msg("Validation.responses.sayWhatWillDone"))).max(300, zodMessage(msg("Validation.responses.commitmentMost300Characters"))), "commitment"),
  ownerRole: storableString(z.string().trim().min(2, zodMessage(msg("Validation.responses.nameRoleAnswerable"))).max(80, zodMessage(msg("Validation.responses.ownerRoleMost80"))), "ownerRole"),
  dueOn: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, zodMessage(msg("Validation.responses.dueDateMustLook"))),
});

export const responseInputSchema = z
  .object({
    target: z.union([z.object({ petitionId: lookupKey(100) }), z.object({ programSlug: lookupKey(200) })]),
    body: markdownText("response", 10, 20_000),
    setStatus: z.enum(PROGRAM_STATUSES, { error: zodMessage(msg("Validation.programs.chooseProposedActivePaused")) }).optional(),
    statusReason: storableString(z.string().trim().max(500, zodMessage(msg("Validation.programs.reasonMost500Characters"))), "statusReason").optional(),
    commitments: z.array(commitmentInputSchema).max(10, zodMessage(msg("Validation.responses.makeMost10Commitments"))).default([]),
  })
  .refine((r) => !r.setStatus || "programSlug" in r.target, { message: zodMessage(msg("Validation.responses.onlyResponseProgramChange")), path: ["setStatus"] })
  .refine((r) => !r.setStatus || (r.statusReason && r.statusReason.length >= 5), { message: zodMessage(msg("Validation.responses.sayWhyStatusChanges")), path: ["statusReason"] });

const dueDate = (dueOn: string, now: Date) => {
  if (!isRealDay(dueOn)) throw new DomainError("invalid_input", msg("Errors.responses.dueDateRealDate"), { commitments: msg("Errors.responses.useRealDate") });
  const d = new Date(`${dueOn}T23:59:59.000Z`);
  if (d.getTime() < now.getTime()) throw new DomainError("invalid_input", msg("Errors.responses.dueDateInPast"), { commitments: msg("Errors.responses.dueDatesMustToday") });
  if (d.getTime() > now.getTime() + 3 * 365 * DAY) throw new DomainError("invalid_input", msg("Errors.responses.dueDateTooFar"));
  return d;
};

/** Posts leadership's official response; may change a program's status and carry commitments. */
export async function postResponse(db: Db, actor: Actor | null, input: unknown, clock: { now?: Date } = {}) {
  const leader = requireRole(actor, ["leadership"], "post official responses");
  const data = parseInput(responseInputSchema, input);
  const now = clock.now ?? new Date();
  const commitments = data.commitments.map((c) => ({ ...c, dueAt: dueDate(c.dueOn, now) }));

  const petition = "petitionId" in data.target
    ? await db.petition.findFirst({ where: { id: data.target.petitionId, state: { in: ["open", "closed"] } } })
    : null;
  const program = "programSlug" in data.target ? await db.program.findUnique({ where: { slug: data.target.programSlug } }) : null;
  if (!petition && !program) throw notFound(msg("Errors.responses.nothingPublicRespondAddress"));
  if (program && data.setStatus === program.status) throw alreadyStatus(program.status);
  const subject = petition ? petition.title : program!.name;

  const posted = await db.$transaction(async (tx) => {
    const response = await tx.response.create({
      data: {
        petitionId: petition?.id,
        programId: program?.id,
        authorId: leader.id,
        authorRole: leader.role,
        body: data.body,
        setStatus: data.setStatus,
        createdAt: now,
        commitments: { create: commitments.map((c) => ({ text: c.text, ownerRole: c.ownerRole, dueAt: c.dueAt })) },
      },
    });
    const where = { petitionId: petition?.id, programId: program?.id, responseId: response.id, at: now };
    if (petition) await tx.petition.updateMany({ where: { id: petition.id, respondedAt: null }, data: { respondedAt: now } });
    await recordEvent(tx, { ...where, kind: "response_posted", summary: msg("Timeline.responsePosted", { role: label("Roles.leadership"), subject, name: leader.name }) });
    if (program && data.setStatus) await applyStatusChange(tx, program, data.setStatus, data.statusReason!, now, response.id);
    for (const c of commitments) {
      await recordEvent(tx, { ...where, kind: "commitment_made", summary: msg("Timeline.commitmentMade", { subject, text: c.text, owner: c.ownerRole, due: day(new Date(c.dueOn)) }) });
    }
    return { ...response, petition: petition && { slug: petition.slug }, program: program && { slug: program.slug } };
  });
  invalidatePetitionPublic(petition?.id);
  return posted;
}

type StatusTx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** A program's status change: recorded with its public reason, applied, and on the timeline. */
async function applyStatusChange(tx: StatusTx, program: { id: string; name: string; status: string }, to: ProgramStatus, reason: string, now: Date, responseId?: string) {
  await recordStatusChange(tx, program.id, program.status, to, reason, now);
  await tx.program.update({ where: { id: program.id }, data: { status: to } });
  await recordEvent(tx, {
    kind: "program_status_changed",
    programId: program.id,
    responseId,
    summary: msg("Timeline.programStatusChanged", { program: program.name, from: label(`ProgramStatus.${program.status as ProgramStatus}`), to: label(`ProgramStatus.${to}`), reason }),
    at: now,
  });
}

const alreadyStatus = (status: string) =>
  new DomainError("invalid_input", msg("Errors.responses.alreadyStatus", { status }), { setStatus: msg("Errors.responses.chooseDifferentStatusNone") });

export const statusChangeInputSchema = z.object({
  status: z.enum(PROGRAM_STATUSES, { error: zodMessage(msg("Validation.programs.chooseProposedActivePaused")) }),
  reason: storableString(z.string({ error: zodMessage(msg("Validation.responses.sayWhyStatusChanges")) }).trim().min(5, zodMessage(msg("Validation.responses.sayWhyStatusChangesLength"))).max(500, zodMessage(msg("Validation.programs.reasonMost500Characters"))), "statusReason"),
});

/** Leadership changes a program's status with a public reason, without writing a full response. */
export async function changeProgramStatus(db: Db, actor: Actor | null, programSlug: string, input: unknown, clock: { now?: Date } = {}) {
  requireRoleFor(actor, "program.status");
  const { status, reason } = parseInput(statusChangeInputSchema, input);
  const now = clock.now ?? new Date();
  const program = await db.program.findUnique({ where: { slug: programSlug }, select: { id: true, slug: true, name: true, status: true } });
  if (!program) throw notFound(msg("Errors.common.noProgram"));
  if (program.status === status) throw alreadyStatus(status);
  await db.$transaction(async (tx) => {
    // Two leaders changing it at once: only the first change from this status lands.
    const { count } = await tx.program.updateMany({ where: { id: program.id, status: program.status }, data: { status } });
    if (count !== 1) throw new DomainError("conflict", msg("Errors.responses.statusChangedMomentAgo"));
    await applyStatusChange(tx, program, status, reason, now);
  });
  return { program: { slug: program.slug } };
}

export const editInputSchema = z.object({ body: markdownText("response", 10, 20_000) });

/**
 * Corrects a response: the old text is kept as a revision recording who made the correction, and
 * the page says it was edited, when and by whom. Any leadership account may correct any response
 * (its author may have left leadership, and the record must stay correctable), never silently: the
 * correction is attributed to whoever made it, by name and role, beside the original author.
 * Nobody else (moderators, admins, a former leader) may correct one.
 */
export async function editResponse(db: Db, actor: Actor | null, responseId: string, input: unknown, clock: { now?: Date } = {}) {
  const editor = requireRole(actor, ["leadership"], "correct official responses");
  const { body } = parseInput(editInputSchema, input);
  const now = clock.now ?? new Date();
  const current = await db.response.findUnique({ where: { id: responseId }, include: { petition: true, program: true, author: { select: { name: true } } } });
  if (!current) throw notFound(msg("Errors.responses.noResponseId"));
  if (current.body === body) throw new DomainError("invalid_input", msg("Errors.responses.textUnchanged"));
  const subject = current.petition?.title ?? current.program?.name ?? "";
  const edited = await db.$transaction(async (tx) => {
    await tx.responseRevision.create({
      data: { responseId, body: current.body, createdAt: current.editedAt ?? current.createdAt, editorId: editor.id, editorRole: editor.role },
    });
    const updated = await tx.response.update({ where: { id: responseId }, data: { body, editedAt: now } });
    await recordEvent(tx, { kind: "response_edited", petitionId: current.petitionId ?? undefined, programId: current.programId ?? undefined, responseId, summary:
        editor.id === current.authorId
          ? msg("Timeline.responseCorrected", { role: label("Roles.leadership"), subject, editor: editor.name })
          : msg("Timeline.responseCorrectedByOther", { role: label("Roles.leadership"), author: current.author.name, subject, editor: editor.name }), at: now });
    return { ...updated, petition: current.petition && { slug: current.petition.slug }, program: current.program && { slug: current.program.slug } };
  });
  invalidatePetitionPublic(current.petitionId);
  return edited;
}

/** The petition or program a response belongs to, as a command reports what it changed. */
const touched = (r: { petition: { slug: string } | null; program: { slug: string } | null }) =>
  ({ petition: r.petition && { slug: r.petition.slug }, program: r.program && { slug: r.program.slug } });

export const keptInputSchema = z.object({ note: storableString(z.string().trim().min(5, zodMessage(msg("Validation.responses.sayHowWasKept"))).max(500), "keptNote") });

export async function markCommitmentKept(db: Db, actor: Actor | null, commitmentId: string, input: unknown, clock: { now?: Date } = {}) {
  requireRoleFor(actor, "commitment.resolve");
  const { note } = parseInput(keptInputSchema, input);
  const now = clock.now ?? new Date();
  const c = await db.commitment.findUnique({ where: { id: commitmentId }, include: { response: { include: { petition: true, program: true } } } });
  if (!c) throw notFound(msg("Errors.responses.noCommitmentId"));
  if (c.status !== "open" || c.dueAt < now) {
    throw new DomainError("conflict", msg(c.status === "kept" ? "Errors.responses.commitmentAlreadyMarkedKept" : "Errors.responses.commitmentDatePassed"));
  }
  await db.$transaction(async (tx) => {
    await tx.commitment.update({ where: { id: commitmentId }, data: { status: "kept", note, resolvedAt: now } });
    await recordEvent(tx, {
      kind: "commitment_kept",
      petitionId: c.response.petitionId ?? undefined,
      programId: c.response.programId ?? undefined,
      responseId: c.responseId,
      summary: msg("Timeline.commitmentKept", { text: c.text, note }),
      at: now,
    });
  });
  invalidatePetitionPublic(c.response.petitionId);
  return touched(c.response);
}

export const missedInputSchema = z.object({
  reason: storableString(z.string({ error: zodMessage(msg("Validation.responses.sayWhyWasMissedRequired")) }).trim().min(5, zodMessage(msg("Validation.responses.sayWhyWasMissed"))).max(500, zodMessage(msg("Validation.programs.reasonMost500Characters"))), "missedReason"),
});

/**
 * Leadership records that a commitment was missed, with a public reason: before its date (it
 * will not be kept) or after it (explaining a miss the scheduler recorded, or is about to).
 */
export async function markCommitmentMissed(db: Db, actor: Actor | null, commitmentId: string, input: unknown, clock: { now?: Date } = {}) {
  requireRoleFor(actor, "commitment.resolve");
  const { reason } = parseInput(missedInputSchema, input);
  const now = clock.now ?? new Date();
  const c = await db.commitment.findUnique({ where: { id: commitmentId }, include: { response: { include: { petition: { select: { slug: true } }, program: { select: { slug: true } } } } } });
  if (!c) throw notFound(msg("Errors.responses.noCommitmentId"));
  if (c.status === "kept") throw new DomainError("conflict", msg("Errors.responses.commitmentAlreadyMarkedKept"));
  if (c.status === "missed" && c.note) throw new DomainError("conflict", msg("Errors.responses.commitmentAlreadyMarkedMissed"));
  const where = { petitionId: c.response.petitionId ?? undefined, programId: c.response.programId ?? undefined, responseId: c.responseId };
  await db.$transaction(async (tx) => {
    const { count } = await tx.commitment.updateMany({ where: { id: commitmentId, status: c.status, note: null }, data: { status: "missed", note: reason, resolvedAt: c.resolvedAt ?? (c.dueAt < now ? c.dueAt : now) } });
    if (count !== 1) throw new DomainError("conflict", msg("Errors.responses.commitmentChangedMomentAgo"));
    await recordEvent(tx, { ...where, kind: "commitment_missed", summary: msg("Timeline.commitmentMissed", { text: c.text, reason }), at: now });
  });
  invalidatePetitionPublic(c.response.petitionId);
  return touched(c.response);
}

/** Marks open commitments past their date as missed, each with a public event. Run by the scheduler. */
export async function markMissedCommitments(db: Db, clock: { now?: Date } = {}): Promise<number> {
  const now = clock.now ?? new Date();
  const due = await db.commitment.findMany({ where: { status: "open", dueAt: { lt: now } }, include: { response: true } });
  let missed = 0;
  for (const c of due) {
    const changed = await db.$transaction(async (tx) => {
      const { count } = await tx.commitment.updateMany({ where: { id: c.id, status: "open" }, data: { status: "missed", resolvedAt: c.dueAt } });
      if (count === 1) {
        await recordEvent(tx, {
          kind: "commitment_missed",
          petitionId: c.response.petitionId ?? undefined,
          programId: c.response.programId ?? undefined,
          responseId: c.responseId,
          summary: msg("Timeline.commitmentLapsed", { text: c.text, owner: c.ownerRole, due: day(c.dueAt) }),
          at: c.dueAt,
        });
      }
      return count === 1;
    });
    if (changed) {
      missed++;
      invalidatePetitionPublic(c.response.petitionId);
    }
  }
  return missed;
}

export type CommitmentView = { id: string; text: string; ownerRole: string; dueAt: string; status: "open" | "kept" | "missed"; note: string | null; resolvedAt: string | null };

/** Responses to a petition or program, oldest first, with history and commitments. */
export async function listResponses(db: Db, where: { petitionId: string } | { programId: string }, now: Date = new Date()) {
  const rows = await db.response.findMany({
    where,
    orderBy: { createdAt: "asc" },
    include: { author: { select: { name: true } }, revisions: { orderBy: { createdAt: "asc" } }, commitments: { orderBy: { dueAt: "asc" } } },
  });
  const editorIds = [...new Set(rows.flatMap((r) => r.revisions.map((v) => v.editorId).filter((id): id is string => id !== null)))];
  const editors = new Map(
    editorIds.length ? (await db.user.findMany({ where: { id: { in: editorIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]) : [],
  );
  // `role` is the English name; `roleKey` lets a page name the role in its reader's language ("Roles").
  // An editor whose account is gone has no name (null): the page says so in its language.
  const roleLabel = (role: string) => ROLE_LABELS[role as keyof typeof ROLE_LABELS] ?? role;
  const roleKey = (role: string): Role | null => ((ROLES as readonly string[]).includes(role) ? (role as Role) : null);
  const editorOf = (v: { editorId: string | null; editorRole: string | null }) =>
    v.editorId ? { name: editors.get(v.editorId) ?? null, role: roleLabel(v.editorRole ?? "leadership"), roleKey: roleKey(v.editorRole ?? "leadership") } : null;
  return rows.map((r) => ({
    id: r.id,
    author: { name: r.author.name, role: roleLabel(r.authorRole), roleKey: roleKey(r.authorRole) },
    /** Who made the latest correction (null when never corrected, or corrected before editors were recorded). */
    editedBy: r.revisions.length ? editorOf(r.revisions[r.revisions.length - 1]!) : null,
    bodyHtml: renderMarkdown(r.body),
    body: r.body,
    setStatus: r.setStatus,
    createdAt: r.createdAt.toISOString(),
    editedAt: r.editedAt?.toISOString() ?? null,
    revisions: r.revisions.map((v) => ({ bodyHtml: renderMarkdown(v.body), createdAt: v.createdAt.toISOString(), correctedBy: editorOf(v) })),
    commitments: r.commitments.map(
      (c): CommitmentView => ({
        id: c.id,
        text: c.text,
        ownerRole: c.ownerRole,
        dueAt: c.dueAt.toISOString(),
        // A date that passed before the scheduler ran is already missed.
        status: c.status === "open" && c.dueAt < now ? "missed" : (c.status as CommitmentView["status"]),
        note: c.note,
        resolvedAt: c.resolvedAt?.toISOString() ?? null,
      }),
    ),
  }));
}

export const updateInputSchema = z.object({ body: markdownText("update", 10, 10_000) });

/** An organizer's update to signers and followers, on the petition and the timeline. */
export async function postOrganizerUpdate(db: Db, actor: Actor | null, petitionId: string, input: unknown, clock: { now?: Date } = {}) {
  const organizer = requireActor(actor, "post updates");
  const petition = await findForOrganizer(db, organizer, { id: petitionId }, "post updates to its signers");
  if (petition.state !== "open" && petition.state !== "closed") throw new DomainError("conflict", msg("Errors.responses.updatesGoSignersPetition"));
  const { body } = parseInput(updateInputSchema, input);
  const now = clock.now ?? new Date();
  const posted = await db.$transaction(async (tx) => {
    const update = await tx.organizerUpdate.create({ data: { petitionId, authorId: organizer.id, body, createdAt: now } });
    await recordEvent(tx, { kind: "organizer_update", petitionId, summary: msg("Timeline.organizerUpdate", { title: petition.title }), at: now });
    return { ...update, petition: { slug: petition.slug } };
  });
  invalidatePetitionPublic(petitionId);
  return posted;
}

export async function listOrganizerUpdates(db: Db, petitionId: string) {
  const rows = await db.organizerUpdate.findMany({ where: { petitionId }, orderBy: { createdAt: "desc" }, include: { author: { select: { name: true } } } });
  return rows.map((u) => ({ id: u.id, author: u.author.name, bodyHtml: renderMarkdown(u.body), createdAt: u.createdAt.toISOString() }));
}

/** "due today", "due in 3 days", "1 day overdue": a due date's distance from now, in words. */
export function dueInWords(dueAt: Date, now: Date = new Date()): { overdueDays: number; words: string } {
  const days = (d: Date) => Math.floor(d.getTime() / DAY);
  const diff = days(dueAt) - days(now);
  const n = (k: number) => `${k} ${k === 1 ? "day" : "days"}`;
  if (diff === 0) return { overdueDays: dueAt < now ? 1 : 0, words: dueAt < now ? "due today, now overdue" : "due today" };
  if (diff > 0) return { overdueDays: 0, words: `due in ${n(diff)}` };
  return { overdueDays: -diff, words: `${n(-diff)} overdue` };
}

/**
 * Leadership's inbox: petitions past the response threshold without a response, and open
 * commitments (including those past their date, still to be explained), soonest due first.
 */
export async function listResponsesOwed(db: Db, actor: Actor | null, now: Date = new Date()) {
  requireRoleFor(actor, "responses.owed");
  const [petitions, commitments] = await Promise.all([
    db.petition.findMany({
      where: { state: { in: ["open", "closed"] }, hiddenReason: null, respondedAt: null, responseDueAt: { not: null } },
      orderBy: { responseDueAt: "asc" },
      take: 200,
      select: { id: true, slug: true, title: true, signatureCount: true, responseThreshold: true, responseDueAt: true },
    }),
    db.commitment.findMany({
      where: { OR: [{ status: "open" }, { status: "missed", note: null }] },
      orderBy: { dueAt: "asc" },
      take: 200,
      include: { response: { select: { petition: { select: { slug: true, title: true } }, program: { select: { slug: true, name: true } } } } },
    }),
  ]);
  return {
    petitions: petitions.map((p) => ({
      id: p.id,
      slug: p.slug,
      title: p.title,
      signatures: p.signatureCount,
      threshold: p.responseThreshold,
      dueAt: p.responseDueAt!.toISOString(),
      ...dueInWords(p.responseDueAt!, now),
    })),
    commitments: commitments.map((c) => {
      const on = c.response.petition
        ? { href: `/petitions/${c.response.petition.slug}`, title: c.response.petition.title }
        : { href: `/programs/${c.response.program!.slug}`, title: c.response.program!.name };
      return { id: c.id, text: c.text, ownerRole: c.ownerRole, dueAt: c.dueAt.toISOString(), on, ...dueInWords(c.dueAt, now) };
    }),
  };
}
