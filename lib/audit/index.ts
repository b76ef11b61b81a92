// The audit log of privileged actions, visible to admins: who (account and role) did what, to
// what, with the old and new values. Written in the same transaction as the action.
import { requireRole, type Actor } from "@/lib/auth/actor";
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

export async function listAudit(db: Db, actor: Actor | null, opts: { cursor?: string; limit?: number } = {}) {
  requireRole(actor, ["admin"], "read the audit log");
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const rows = await db.auditEntry.findMany({ where: newestFirstAfter(opts.cursor), orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit + 1 });
  const actors = await db.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.actorId))] } }, select: { id: true, name: true } });
  const names = new Map(actors.map((a) => [a.id, a.name]));
  const { page, nextCursor } = newestFirstPage(rows, limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.createdAt.toISOString(),
      actor: names.get(r.actorId) ?? "(removed account)",
      actorRole: r.actorRole,
      action: r.action,
      target: r.target,
      details: JSON.parse(r.details) as Record<string, unknown>,
    })),
    nextCursor,
  };
}
