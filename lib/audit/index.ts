// The audit log of privileged actions, visible to admins: who (account and role) did what, to
// what, with the old and new values. Written in the same transaction as the action.
import { settingLabel } from "@/lib/admin/settings-docs";
import { requireRole, ROLE_LABELS, ROLES, type Actor, type Role } from "@/lib/auth/actor";
import { MODERATION_REASONS } from "@/lib/moderation/reasons";
import { STATUS_LABELS, type ProgramStatus } from "@/lib/programs/status";
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
const roleWord = (v: unknown) => (ROLES as readonly string[]).includes(str(v)) ? ROLE_LABELS[str(v) as Role] : str(v);
const statusWord = (v: unknown) => STATUS_LABELS[str(v) as ProgramStatus] ?? str(v);
const reasonWord = (v: unknown) => (MODERATION_REASONS as Record<string, string>)[str(v)] ?? str(v);

/**
 * An audit entry as a sentence a person reads: "Maya Chen changed Jonas Berg's role from
 * Employee to Moderator". No JSON and no raw ids; a petition or program is named by its title.
 */
export function describeAudit(actor: string, e: AuditRow, names: Names): string {
  const d = e.details;
  const petition = (id: unknown) => `“${names.petitions.get(str(id)) ?? "a removed petition"}”`;
  const program = (id: unknown) => `“${names.programs.get(str(id)) ?? "a removed program"}”`;
  switch (e.action) {
    case "role.change":
      return `${actor} changed ${str(d.name)}'s role from ${roleWord(d.from)} to ${roleWord(d.to)}.`;
    case "role.sso":
      return `Single sign-on changed ${str(d.name)}'s role from ${roleWord(d.from)} to ${roleWord(d.to)}, following the identity provider's groups.`;
    case "role.sso.kept-last-admin":
      return `Single sign-on would have made ${str(d.name)} ${roleWord(d.providerRole)}, but kept them Admin because they are the last admin.`;
    case "setting.change":
      return `${actor} changed “${settingLabel(e.target)}” from ${str(d.from)} to ${str(d.to)}.`;
    case "moderation.hide":
      return d.type === "petition"
        ? `${actor} hid the petition ${petition(e.target)} for ${reasonWord(d.reasonCode)}: ${str(d.reasonText)}`
        : `${actor} hid a comment for ${reasonWord(d.reasonCode)}: ${str(d.reasonText)}`;
    case "moderation.restore":
      return `${actor} undid the hiding of a comment: ${str(d.reasonText)}`;
    case "moderation.dismiss": {
      const n = Number(d.flags) || 0;
      return `${actor} dismissed ${n === 1 ? "1 flag" : `${n} flags`} on a comment that breaks no rule.`;
    }
    case "appeal.decide":
      return `${actor} ${d.outcome === "overturned" ? "granted the appeal and restored" : "refused the appeal on"} the petition ${petition(d.petitionId)}: ${str(d.note)}`;
    case "program.create":
      return `${actor} registered the program “${str(d.name)}” as ${statusWord(d.status).toLowerCase()}.`;
    case "program.edit": {
      const status = d.status as { from?: unknown; to?: unknown } | undefined;
      const parts = [d.policyChanged ? "published a new version of its policy" : "", status ? `changed its status from ${statusWord(status.from)} to ${statusWord(status.to)}` : ""].filter(Boolean);
      return `${actor} edited the program ${program(e.target)}${parts.length ? ` and ${parts.join(" and ")}` : ""}.`;
    }
    default:
      return `${actor}: ${e.action.replace(/[._-]+/g, " ")}.`;
  }
}

export async function listAudit(db: Db, actor: Actor | null, opts: { cursor?: string; limit?: number } = {}) {
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
  const names: Names = { petitions: new Map(petitions.map((p) => [p.id, p.title])), programs: new Map(programs.map((p) => [p.id, p.name])) };
  return {
    items: entries.map((r) => {
      const who = people.get(r.actorId) ?? "A removed account";
      return {
        id: r.id,
        at: r.createdAt.toISOString(),
        actor: who,
        actorRole: r.actorRole,
        /** The role in words ("Admin", "identity provider"). */
        actorRoleLabel: roleWord(r.actorRole),
        action: r.action,
        target: r.target,
        details: r.parsed,
        /** The entry in words, for people. */
        text: describeAudit(who, { action: r.action, target: r.target, details: r.parsed }, names),
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
