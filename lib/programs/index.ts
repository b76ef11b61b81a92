// The registry of workplace monitoring programs. Admins write it; everyone reads it. Every
// version of the policy text and every status change is kept and public.
import { msg, zodMessage } from "@/lib/i18n/message";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { requireRole, type Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { conflict, DomainError, isUniqueViolation, notFound, parseInput } from "@/lib/errors";
import { markdownText, renderMarkdown } from "@/lib/markdown";
import { isRealDay, multilineText, storableString } from "@/lib/validation";
import { invalidateAllPetitionPublic } from "@/lib/petitions/public-cache";
import { toSummary } from "@/lib/petitions/queries";
import { policyDiff, type DiffPart } from "./diff";

export { policyDiff, type DiffPart } from "./diff";

export { isProgramStatus, PROGRAM_STATUSES, PROGRAM_STATUSES_NOW, programStatusFilterSchema, programStatusNow, STATUS_LABELS, STATUS_NOW_LABELS, type ProgramStatus, type ProgramStatusNow } from "./status";
import { PROGRAM_STATUSES, programStatusFilterSchema, programStatusNow, type ProgramStatus, type ProgramStatusNow } from "./status";
export { CONSENT_LABELS, CONSENT_MODELS, isConsentModel, type ConsentModel } from "./consent";
import { CONSENT_MODELS } from "./consent";

const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((s) => s || undefined)
  .refine((s) => s === undefined || isRealDay(s), zodMessage(msg("Validation.programs.useRealDateLike")));

export const programInputSchema = z.object({
  name: multilineText("name", 2, 120),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, zodMessage(msg("Validation.programs.addressMayUseLower")))
    .max(80, zodMessage(msg("Validation.programs.addressMost80Characters")))
    .optional()
    .or(z.literal("").transform(() => undefined)),
  owningTeam: multilineText("owningTeam", 2, 120),
  purpose: multilineText("purpose", 10, 2000),
  collects: z
    .union([z.array(z.string()), z.string()])
    .transform((v) => (Array.isArray(v) ? v : v.split(/[\n,]/)).map((s) => s.trim()).filter(Boolean))
    .pipe(
      z
        .array(storableString(z.string().max(80, zodMessage(msg("Validation.programs.eachCollectedItemMost"))), "collects"))
        .min(1, zodMessage(msg("Validation.programs.listLeastOneThing")))
        .max(30, zodMessage(msg("Validation.programs.listMost30Items"))),
    ),
  retention: multilineText("retention", 2, 300),
  dataAccess: multilineText("dataAccess", 2, 1000),
  consentModel: z.enum(CONSENT_MODELS, { error: zodMessage(msg("Validation.programs.chooseOptOptOut")) }),
  status: z.enum(PROGRAM_STATUSES, { error: zodMessage(msg("Validation.programs.chooseProposedActivePaused")) }),
  policyText: markdownText("policyText", 10, 50_000),
  startedOn: optionalDate,
  endedOn: optionalDate,
  /** Why the status changed, when it did. */
  statusReason: storableString(z.string().trim().max(500, zodMessage(msg("Validation.programs.reasonMost500Characters"))), "statusReason").optional(),
  /** What changed in the policy text, when it did. */
  versionNote: storableString(z.string().trim().max(300, zodMessage(msg("Validation.programs.noteMost300Characters"))), "versionNote").optional(),
});
export type ProgramInput = z.input<typeof programInputSchema>;

const slugOf = (name: string) =>
  name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80) || "program";

const day = (s: string | undefined) => (s ? new Date(`${s}T00:00:00.000Z`) : null);

/** The columns a create and an edit both write, from validated input. */
function programColumns(data: z.output<typeof programInputSchema>) {
  return {
    name: data.name,
    owningTeam: data.owningTeam,
    purpose: data.purpose,
    collects: JSON.stringify(data.collects),
    retention: data.retention,
    dataAccess: data.dataAccess,
    consentModel: data.consentModel,
    status: data.status,
    policyText: data.policyText,
    startedOn: day(data.startedOn),
    endedOn: day(data.endedOn),
  };
}

export async function createProgram(db: Db, actor: Actor | null, input: unknown, clock: { now?: Date } = {}) {
  const admin = requireRole(actor, ["admin"], "add monitoring programs");
  const data = parseInput(programInputSchema, input);
  const now = clock.now ?? new Date();
  try {
    return await db.$transaction(async (tx) => {
      const created = await tx.program.create({
      data: {
        slug: data.slug ?? slugOf(data.name),
        ...programColumns(data),
        createdAt: now,
        versions: { create: { version: 1, policyText: data.policyText, note: data.versionNote || "First published text.", createdAt: now } },
        statusChanges: { create: { fromStatus: null, toStatus: data.status, reason: data.statusReason || "Registered.", createdAt: now } },
      },
      });
      await recordAudit(tx, admin, "program.create", created.id, { name: created.name, status: created.status }, now);
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(msg("Errors.programs.anotherProgramAlreadyUses"));
    throw error;
  }
}

/**
 * Edits a program. A changed policy text becomes a new version; a changed status is recorded
 * with its reason (required). Both land in one transaction with the edit.
 */
export async function updateProgram(db: Db, actor: Actor | null, slug: string, input: unknown, clock: { now?: Date } = {}) {
  const admin = requireRole(actor, ["admin"], "edit monitoring programs");
  const data = parseInput(programInputSchema, input);
  const now = clock.now ?? new Date();
  const current = await db.program.findUnique({ where: { slug } });
  if (!current) throw notFound(msg("Errors.common.noProgram"));
  const statusChanged = data.status !== current.status;
  if (statusChanged && !data.statusReason) {
    const message = msg("Validation.responses.sayWhyStatusChanges");
    throw new DomainError("invalid_input", message, { statusReason: message });
  }
  try {
    const saved = await saveProgramEdit(db, admin, current, data, statusChanged, now);
    // A petition's page names its program, and a status change is on the timeline (decision 031).
    invalidateAllPetitionPublic();
    return saved;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(msg("Errors.programs.anotherProgramAlreadyUses"));
    throw error;
  }
}

async function saveProgramEdit(
  db: Db,
  admin: Actor,
  current: { id: string; slug: string; policyText: string; status: string },
  data: z.output<typeof programInputSchema>,
  statusChanged: boolean,
  now: Date,
) {
  return db.$transaction(async (tx) => {
    if (data.policyText !== current.policyText) {
      const last = await tx.programPolicyVersion.findFirst({ where: { programId: current.id }, orderBy: { version: "desc" } });
      // The difference is made once, here, with bounded work; every view reads it.
      const diff = JSON.stringify(policyDiff(last?.policyText ?? current.policyText, data.policyText));
      await tx.programPolicyVersion.create({
        data: { programId: current.id, version: (last?.version ?? 0) + 1, policyText: data.policyText, note: data.versionNote || "Policy text updated.", diff, createdAt: now },
      });
    }
    if (statusChanged) {
      await recordStatusChange(tx, current.id, current.status, data.status, data.statusReason!, now);
    }
    await recordAudit(tx, admin, "program.edit", current.id, {
      policyChanged: data.policyText !== current.policyText,
      status: statusChanged ? { from: current.status, to: data.status } : undefined,
    }, now);
    return tx.program.update({
      where: { id: current.id },
      data: {
        slug: data.slug ?? current.slug,
        ...programColumns(data),
      },
    });
  });
}

type StatusWriter = Pick<import("@/lib/generated/prisma/client").Prisma.TransactionClient, "programStatusChange">;

/** Records a status change; leadership responses (a later issue) reuse it. */
export async function recordStatusChange(tx: StatusWriter, programId: string, from: string, to: string, reason: string, at: Date) {
  await tx.programStatusChange.create({ data: { programId, fromStatus: from, toStatus: to, reason, createdAt: at } });
}

export type ProgramSummary = {
  id: string;
  slug: string;
  name: string;
  owningTeam: string;
  purpose: string;
  collects: string[];
  consentModel: string;
  status: ProgramStatus;
  /** What to show: the status as its dates say (programStatusNow). */
  statusNow: ProgramStatusNow;
  updatedAt: string;
};

function parseCollects(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

type ProgramRow = Awaited<ReturnType<Db["program"]["findFirstOrThrow"]>>;
const summary = (p: ProgramRow, now: Date): ProgramSummary => ({
  id: p.id,
  slug: p.slug,
  name: p.name,
  owningTeam: p.owningTeam,
  purpose: p.purpose,
  collects: parseCollects(p.collects),
  consentModel: p.consentModel,
  status: p.status as ProgramStatus,
  statusNow: programStatusNow(p, now),
  updatedAt: p.updatedAt.toISOString(),
});

/** Programs by name; a status filter matches the status shown (programStatusNow), not the recorded one. */
export async function listPrograms(db: Db, query: { status?: string } = {}, now: Date = new Date()) {
  const status = query.status ? parseInput(programStatusFilterSchema, query.status) : undefined;
  const rows = await db.program.findMany({ orderBy: [{ name: "asc" }] });
  return rows.map((p) => summary(p, now)).filter((p) => !status || p.statusNow === status);
}

/** Every program's id, slug and name, by name: the choices in forms and filters. */
export async function listProgramChoices(db: Db): Promise<{ id: string; slug: string; name: string }[]> {
  return db.program.findMany({ orderBy: { name: "asc" }, select: { id: true, slug: true, name: true } });
}

/** A program's name, for page titles; null when there is none at this address. */
export async function programName(db: Db, slug: string): Promise<string | null> {
  return (await db.program.findUnique({ where: { slug }, select: { name: true } }))?.name ?? null;
}

/** A version's stored difference; versions saved before differences were stored get one made now. */
function versionDiff(versions: { policyText: string; diff: string | null }[], i: number): DiffPart[] | null {
  if (i === 0) return null;
  const stored = versions[i]!.diff;
  if (stored) {
    try {
      return JSON.parse(stored) as DiffPart[];
    } catch {
      // fall through: make it again
    }
  }
  return policyDiff(versions[i - 1]!.policyText, versions[i]!.policyText);
}

// What each reader of a program's versions selects: the list (number, date, note) or, for the API,
// each version's text and stored difference too.
const VERSION_LISTED = { version: true, note: true, createdAt: true } as const;
const VERSION_WITH_TEXT = { ...VERSION_LISTED, policyText: true, diff: true } as const;

/** A program, its status history and its petitions, without its versions (each reader selects those). */
async function readProgram(db: Db, slug: string, now: Date) {
  const p = await db.program.findUnique({
    where: { slug },
    include: {
      statusChanges: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      petitions: { where: { state: { in: ["open", "closed"] } }, orderBy: { signatureCount: "desc" } },
    },
  });
  if (!p) throw notFound(msg("Errors.common.noProgram"));
  return {
    id: p.id,
    program: {
      ...summary(p, now),
      retention: p.retention,
      dataAccess: p.dataAccess,
      policyText: p.policyText,
      policyHtml: renderMarkdown(p.policyText),
      startedOn: p.startedOn?.toISOString().slice(0, 10) ?? null,
      endedOn: p.endedOn?.toISOString().slice(0, 10) ?? null,
      createdAt: p.createdAt.toISOString(),
      statusHistory: p.statusChanges.map((s) => ({ from: s.fromStatus, to: s.toStatus, reason: s.reason, at: s.createdAt.toISOString() })),
      petitions: p.petitions.map((x) => toSummary(x, now)),
    },
  };
}

const listedVersion = (v: { version: number; note: string; createdAt: Date }) => ({ version: v.version, note: v.note, createdAt: v.createdAt.toISOString() });

/** A program with every version's text and difference from the one before (the API). */
export async function getProgram(db: Db, slug: string, now: Date = new Date()) {
  const { id, program } = await readProgram(db, slug, now);
  const versions = await db.programPolicyVersion.findMany({ where: { programId: id }, orderBy: { version: "asc" }, select: VERSION_WITH_TEXT });
  return { ...program, versions: versions.map((v, i) => ({ ...listedVersion(v), policyText: v.policyText, diff: versionDiff(versions, i) })) };
}
export type ProgramDetail = Awaited<ReturnType<typeof getProgram>>;

/**
 * A program with each version's number, date and note only (its page and its edit page). The
 * program page links each version's changes rather than carrying them all: two 50,000-character
 * versions are 100,000 characters of difference, in the HTML and again in React's payload.
 */
export async function getProgramWithVersionList(db: Db, slug: string, now: Date = new Date()) {
  const { id, program } = await readProgram(db, slug, now);
  const versions = await db.programPolicyVersion.findMany({ where: { programId: id }, orderBy: { version: "asc" }, select: VERSION_LISTED });
  return { ...program, versions: versions.map(listedVersion) };
}
export type ProgramWithVersionList = Awaited<ReturnType<typeof getProgramWithVersionList>>;
export type ProgramVersionSummary = ProgramWithVersionList["versions"][number];

// A version's number as its address writes it: digits only, so /versions/1e0 or /versions/01 is no page.
const versionNumberSchema = z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^[1-9][0-9]{0,6}$/)).transform(Number);

/**
 * One policy version and what changed in it from the one before, with the numbers of its
 * neighbours for the page's links. Not found for a number that is not a version of this program.
 */
export async function getProgramVersion(db: Db, slug: string, versionParam: unknown) {
  const parsed = versionNumberSchema.safeParse(versionParam);
  if (!parsed.success) throw notFound(msg("Errors.programs.noVersion"));
  const version = parsed.data;
  const program = await db.program.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
  if (!program) throw notFound(msg("Errors.common.noProgram"));
  const rows = await db.programPolicyVersion.findMany({
    where: { programId: program.id, version: { in: [version - 1, version] } },
    orderBy: { version: "asc" },
  });
  const current = rows.find((r) => r.version === version);
  if (!current) throw notFound(msg("Errors.programs.noVersion"));
  const diff = versionDiff(rows, rows.indexOf(current));
  const next = await db.programPolicyVersion.findFirst({ where: { programId: program.id, version: { gt: version } }, orderBy: { version: "asc" }, select: { version: true } });
  return {
    program: { slug: program.slug, name: program.name },
    version: current.version,
    note: current.note,
    createdAt: current.createdAt.toISOString(),
    diff,
    // The first version has nothing to compare with: its page shows its text.
    textHtml: diff ? null : renderMarkdown(current.policyText),
    previous: version > 1 ? version - 1 : null,
    next: next?.version ?? null,
  };
}
export type ProgramVersion = Awaited<ReturnType<typeof getProgramVersion>>;
