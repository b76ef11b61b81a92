// Leadership's answers on the record: responses to petitions and programs, their corrections,
// the program status changes they make and the commitments they carry.
import { z } from "zod";
import { requireActor, requireRole, ROLE_LABELS, type Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { DomainError, notFound, parseInput } from "@/lib/errors";
import { markdownText, renderMarkdown } from "@/lib/markdown";
import { findForOrganizer } from "@/lib/petitions/access";
import { PROGRAM_STATUSES, recordStatusChange, STATUS_LABELS } from "@/lib/programs";
import { recordEvent } from "@/lib/timeline/record";
import { isRealDay } from "@/lib/validation";
import { formatDate } from "@/lib/format";

const DAY = 86_400_000;
export const commitmentInputSchema = z.object({
  text: z.string().trim().min(5, "Say what will be done, in at least 5 characters.").max(300, "A commitment can be at most 300 characters."),
  ownerRole: z.string().trim().min(2, "Name the role answerable for it.").max(80, "The owner role can be at most 80 characters."),
  dueOn: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, "The due date must look like 2026-12-31."),
});

export const responseInputSchema = z
  .object({
    target: z.union([z.object({ petitionId: z.string().min(1).max(100) }), z.object({ programSlug: z.string().min(1).max(200) })]),
    body: markdownText("The response", 10, 20_000),
    setStatus: z.enum(PROGRAM_STATUSES, { error: "Choose proposed, active, paused or ended." }).optional(),
    statusReason: z.string().trim().max(500, "The reason can be at most 500 characters.").optional(),
    commitments: z.array(commitmentInputSchema).max(10, "Make at most 10 commitments in one response.").default([]),
  })
  .refine((r) => !r.setStatus || "programSlug" in r.target, { message: "Only a response to a program can change a status.", path: ["setStatus"] })
  .refine((r) => !r.setStatus || (r.statusReason && r.statusReason.length >= 5), { message: "Say why the status changes; the reason is public.", path: ["statusReason"] });

const dueDate = (dueOn: string, now: Date) => {
  if (!isRealDay(dueOn)) throw new DomainError("invalid_input", "The due date is not a real date.", { commitments: "Use a real date." });
  const d = new Date(`${dueOn}T23:59:59.000Z`);
  if (d.getTime() < now.getTime()) throw new DomainError("invalid_input", "A commitment's due date cannot be in the past.", { commitments: "Due dates must be today or later." });
  if (d.getTime() > now.getTime() + 3 * 365 * DAY) throw new DomainError("invalid_input", "A commitment's due date must be within three years.");
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
  if (!petition && !program) throw notFound("Nothing public to respond to at this address.");
  if (program && data.setStatus === program.status) {
    throw new DomainError("invalid_input", `The program is already ${STATUS_LABELS[program.status as keyof typeof STATUS_LABELS].toLowerCase()}.`, { setStatus: "Choose a different status, or none." });
  }
  const subject = petition ? petition.title : program!.name;

  return db.$transaction(async (tx) => {
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
    await recordEvent(tx, { ...where, kind: "response_posted", summary: `${ROLE_LABELS.leadership} responded to “${subject}” (${leader.name})` });
    if (program && data.setStatus) {
      await recordStatusChange(tx, program.id, program.status, data.setStatus, data.statusReason!, now);
      await tx.program.update({ where: { id: program.id }, data: { status: data.setStatus } });
      await recordEvent(tx, {
        ...where,
        kind: "program_status_changed",
        summary: `${program.name}: ${STATUS_LABELS[program.status as keyof typeof STATUS_LABELS]} → ${STATUS_LABELS[data.setStatus]}. ${data.statusReason}`,
      });
    }
    for (const c of commitments) {
      await recordEvent(tx, { ...where, kind: "commitment_made", summary: `Commitment on “${subject}”: ${c.text} (${c.ownerRole}, due ${formatDate(c.dueOn)})` });
    }
    return { ...response, petition: petition && { slug: petition.slug }, program: program && { slug: program.slug } };
  });
}

export const editInputSchema = z.object({ body: markdownText("The response", 10, 20_000) });

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
  if (!current) throw notFound("No response with this id.");
  if (current.body === body) throw new DomainError("invalid_input", "The text is unchanged.");
  const subject = current.petition?.title ?? current.program?.name ?? "";
  return db.$transaction(async (tx) => {
    await tx.responseRevision.create({
      data: { responseId, body: current.body, createdAt: current.editedAt ?? current.createdAt, editorId: editor.id, editorRole: editor.role },
    });
    const updated = await tx.response.update({ where: { id: responseId }, data: { body, editedAt: now } });
    await recordEvent(tx, { kind: "response_edited", petitionId: current.petitionId ?? undefined, programId: current.programId ?? undefined, responseId, summary:
        editor.id === current.authorId
          ? `${ROLE_LABELS.leadership} corrected its response to “${subject}” (${editor.name})`
          : `${ROLE_LABELS.leadership} corrected ${current.author.name}'s response to “${subject}” (corrected by ${editor.name})`, at: now });
    return { ...updated, petition: current.petition && { slug: current.petition.slug }, program: current.program && { slug: current.program.slug } };
  });
}

export const keptInputSchema = z.object({ note: z.string().trim().min(5, "Say how it was kept, in at least 5 characters.").max(500) });

export async function markCommitmentKept(db: Db, actor: Actor | null, commitmentId: string, input: unknown, clock: { now?: Date } = {}) {
  requireRole(actor, ["leadership"], "mark commitments kept");
  const { note } = parseInput(keptInputSchema, input);
  const now = clock.now ?? new Date();
  const c = await db.commitment.findUnique({ where: { id: commitmentId }, include: { response: { include: { petition: true, program: true } } } });
  if (!c) throw notFound("No commitment with this id.");
  if (c.status !== "open" || c.dueAt < now) {
    throw new DomainError("conflict", c.status === "kept" ? "This commitment is already marked kept." : "This commitment's date has passed; it is recorded as missed.");
  }
  await db.$transaction(async (tx) => {
    await tx.commitment.update({ where: { id: commitmentId }, data: { status: "kept", note, resolvedAt: now } });
    await recordEvent(tx, {
      kind: "commitment_kept",
      petitionId: c.response.petitionId ?? undefined,
      programId: c.response.programId ?? undefined,
      responseId: c.responseId,
      summary: `Commitment kept: ${c.text}. ${note}`,
      at: now,
    });
  });
  return { petition: c.response.petition && { slug: c.response.petition.slug }, program: c.response.program && { slug: c.response.program.slug } };
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
          summary: `Commitment missed: ${c.text} (${c.ownerRole}, was due ${formatDate(c.dueAt)})`,
          at: c.dueAt,
        });
      }
      return count === 1;
    });
    if (changed) missed++;
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
  const roleLabel = (role: string) => ROLE_LABELS[role as keyof typeof ROLE_LABELS] ?? role;
  const editorOf = (v: { editorId: string | null; editorRole: string | null }) =>
    v.editorId ? { name: editors.get(v.editorId) ?? "(removed account)", role: roleLabel(v.editorRole ?? "leadership") } : null;
  return rows.map((r) => ({
    id: r.id,
    author: { name: r.author.name, role: roleLabel(r.authorRole) },
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

export const updateInputSchema = z.object({ body: markdownText("The update", 10, 10_000) });

/** An organizer's update to signers and followers, on the petition and the timeline. */
export async function postOrganizerUpdate(db: Db, actor: Actor | null, petitionId: string, input: unknown, clock: { now?: Date } = {}) {
  const organizer = requireActor(actor, "post updates");
  const petition = await findForOrganizer(db, organizer, { id: petitionId }, "post updates to its signers");
  if (petition.state !== "open" && petition.state !== "closed") throw new DomainError("conflict", "Updates go to signers; this petition is not public yet.");
  const { body } = parseInput(updateInputSchema, input);
  const now = clock.now ?? new Date();
  return db.$transaction(async (tx) => {
    const update = await tx.organizerUpdate.create({ data: { petitionId, authorId: organizer.id, body, createdAt: now } });
    await recordEvent(tx, { kind: "organizer_update", petitionId, summary: `Update from the organizers of “${petition.title}”`, at: now });
    return { ...update, petition: { slug: petition.slug } };
  });
}

export async function listOrganizerUpdates(db: Db, petitionId: string) {
  const rows = await db.organizerUpdate.findMany({ where: { petitionId }, orderBy: { createdAt: "desc" }, include: { author: { select: { name: true } } } });
  return rows.map((u) => ({ id: u.id, author: u.author.name, bodyHtml: renderMarkdown(u.body), createdAt: u.createdAt.toISOString() }));
}
