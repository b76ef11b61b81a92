// The audit log of privileged actions, visible to admins: who (account and role) did what, to
// what, with the old and new values. Written in the same transaction as the action.
import { settingLabel } from "@/lib/admin/settings-docs";
import { requireRole, type Actor } from "@/lib/auth/actor";
import { createTranslator } from "next-intl";
import type { Locale } from "@/i18n/locales";
import { messagesFor } from "@/i18n/messages";
import { msg, renderMessage } from "@/lib/i18n/message";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { newestFirstAfter, newestFirstPage } from "@/lib/pagination/cursor";

export type AuditAction =
  | "role.change"
  | "role.sso"
  | "role.sso.kept-last-admin"
  | "setting.change"
  | "moderation.hide"
  | "moderation.restore"
  | "moderation.duplicate"
  | "moderation.dismiss"
  | "appeal.decide"
  | "program.create"
  | "program.edit";

/** How sign-ins appear in the audit log: the account itself, acting through the identity provider. */
export const SSO_AUDIT_ROLE = "identity provider";

export async function recordAudit(
  tx: Pick<Prisma.TransactionClient, "auditEntry">,
  actor: Pick<Actor, "id"> & { role: string },
  action: AuditAction,
  target: string,
  details: Record<string, unknown>,
  at: Date = new Date(),
) {
  await tx.auditEntry.create({
    data: { actorId: actor.id, actorRole: actor.role, action, target, details: JSON.stringify(details), createdAt: at },
  });
}

type AuditRow = { action: string; target: string; details: Record<string, unknown> };
type Names = { petitions: Map<string, string>; programs: Map<string, string> };

const str = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : "");

/** The words of one language for an audit entry: its sentences ("Audit") and the names in them. */
function wordsFor(locale: Locale) {
  const messages = messagesFor(locale);
  const known = <T extends object>(names: T) => (v: unknown): string => (Object.hasOwn(names, str(v)) ? String(names[str(v) as keyof T]) : str(v));
  const t = createTranslator({ locale, messages, namespace: "Audit" });
  return {
    t,
    role: (v: unknown) => (str(v) === SSO_AUDIT_ROLE ? t("identityProvider") : known(messages.Roles)(v)),
    status: known(messages.ProgramStatus),
    reason: known(messages.ModerationReason),
  };
}

/**
 * An audit entry as a sentence a person reads, in their language (English when none is given):
 * "Maya Chen changed Jonas Berg's role from Employee to Moderator". No JSON and no raw ids; a
 * petition or program is named by its title. The sentences are the "Audit" namespace (domain.json).
 */
export function describeAudit(actor: string, e: AuditRow, names: Names, locale: Locale = "en"): string {
  const d = e.details;
  const w = wordsFor(locale);
  const t = w.t;
  const petition = (id: unknown) => names.petitions.get(str(id)) ?? t("removedPetition");
  const program = (id: unknown) => names.programs.get(str(id)) ?? t("removedProgram");
  switch (e.action) {
    case "role.change":
      return t("roleChange", { actor, name: str(d.name), from: w.role(d.from), to: w.role(d.to) });
    case "role.sso":
      return t("roleSso", { name: str(d.name), from: w.role(d.from), to: w.role(d.to) });
    case "role.sso.kept-last-admin":
      return t("roleSsoKeptLastAdmin", { name: str(d.name), role: w.role(d.providerRole) });
    case "setting.change":
      return t("settingChange", { actor, setting: settingLabel(e.target, locale), from: str(d.from), to: str(d.to) });
    case "moderation.hide":
      return d.type === "petition"
        ? t("hidePetition", { actor, title: petition(e.target), reason: w.reason(d.reasonCode), text: str(d.reasonText) })
        : t("hideComment", { actor, reason: w.reason(d.reasonCode), text: str(d.reasonText) });
    case "moderation.restore":
      return t("restoreComment", { actor, text: str(d.reasonText) });
    case "moderation.dismiss":
      return t("dismissFlags", { actor, count: Number(d.flags) || 0 });
    case "appeal.decide":
      return t(d.outcome === "overturned" ? "appealGranted" : "appealRefused", { actor, title: petition(d.petitionId), note: str(d.note) });
    case "program.create":
      return t("programCreate", { actor, name: str(d.name), status: w.status(d.status).toLowerCase() });
    case "program.edit": {
      const status = d.status as { from?: unknown; to?: unknown } | undefined;
      const values = { actor, name: program(e.target) };
      if (!status) return t(d.policyChanged ? "programEditPolicy" : "programEdit", values);
      return t(d.policyChanged ? "programEditPolicyStatus" : "programEditStatus", { ...values, from: w.status(status.from), to: w.status(status.to) });
    }
    default:
      return t("other", { actor, action: e.action.replace(/[._-]+/g, " ") });
  }
}

export async function listAudit(db: Db, actor: Actor | null, opts: { cursor?: string; limit?: number; locale?: Locale } = {}) {
  requireRole(actor, ["admin"], "read the audit log");
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const rows = await db.auditEntry.findMany({ where: newestFirstAfter(opts.cursor), orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit + 1 });
  const { page, nextCursor } = newestFirstPage(rows, limit);
  const entries = page.map((r) => ({ ...r, parsed: parseDetails(r.details) }));
  const petitionIds = new Set<string>();
  const programIds = new Set<string>();
  for (const e of entries) {
    if (e.action === "moderation.hide" && e.parsed.type === "petition") petitionIds.add(e.target);
    if (e.action === "appeal.decide") petitionIds.add(str(e.parsed.petitionId));
    if (e.action === "program.edit" || e.action === "program.create") programIds.add(e.target);
  }
  const [actors, petitions, programs] = await Promise.all([
    db.user.findMany({ where: { id: { in: [...new Set(page.map((r) => r.actorId))] } }, select: { id: true, name: true } }),
    petitionIds.size ? db.petition.findMany({ where: { id: { in: [...petitionIds] } }, select: { id: true, title: true } }) : [],
    programIds.size ? db.program.findMany({ where: { id: { in: [...programIds] } }, select: { id: true, name: true } }) : [],
  ]);
  const people = new Map(actors.map((a) => [a.id, a.name]));
  const words = wordsFor(opts.locale ?? "en");
  const names: Names = { petitions: new Map(petitions.map((p) => [p.id, p.title])), programs: new Map(programs.map((p) => [p.id, p.name])) };
  return {
    items: entries.map((r) => {
      const who = people.get(r.actorId) ?? renderMessage(msg("Audit.removedAccount"), opts.locale);
      return {
        id: r.id,
        at: r.createdAt.toISOString(),
        actor: who,
        actorRole: r.actorRole,
        /** The role in words, in `opts.locale` ("Admin", "identity provider"). */
        actorRoleLabel: words.role(r.actorRole),
        action: r.action,
        target: r.target,
        details: r.parsed,
        /** The entry in words, for people, in `opts.locale` (English when none is given). */
        text: describeAudit(who, { action: r.action, target: r.target, details: r.parsed }, names, opts.locale),
      };
    }),
    nextCursor,
  };
}

function parseDetails(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
