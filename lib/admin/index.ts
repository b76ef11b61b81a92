// Administration: roles and platform settings, every change validated and audited.
import { msg, zodMessage } from "@/lib/i18n/message";
import { z } from "zod";
import { recordId } from "@/lib/validation";
import { recordAudit } from "@/lib/audit";
import { requireRole, roleSchema, type Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { containsIgnoringCase } from "@/lib/db/search";
import { conflict, invalidInput, notFound, parseInput } from "@/lib/errors";
import { invalidateAllPetitionPublic } from "@/lib/petitions/public-cache";
import { getSettings, settingsFields, settingsSchema, type Settings } from "@/lib/settings";

export const roleChangeSchema = z.object({
  userId: recordId(zodMessage(msg("Validation.admin.choosePerson"))),
  role: roleSchema,
});

/** Gives someone a role. One role each, so a moderator is never leadership. */
export async function setRole(db: Db, actor: Actor | null, input: unknown, clock: { now?: Date } = {}) {
  const admin = requireRole(actor, ["admin"], "change roles");
  const { userId, role } = parseInput(roleChangeSchema, input);
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, role: true, name: true } });
  if (!user) throw notFound(msg("Errors.admin.noAccountId"));
  if (user.role === role) throw conflict(msg("Errors.admin.alreadyHasRole", { name: user.name }));
  if (user.role === "admin" && role !== "admin") {
    const admins = await db.user.count({ where: { role: "admin" } });
    if (admins <= 1) throw conflict(msg("Errors.admin.lastAdminMakeSomeone"));
  }
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { role } });
    await recordAudit(tx, admin, "role.change", userId, { name: user.name, from: user.role, to: role }, clock.now);
    return { id: userId, role };
  });
}

export async function listUsers(db: Db, actor: Actor | null, query: { q?: string } = {}) {
  requireRole(actor, ["admin"], "list accounts");
  const q = query.q?.trim().toLowerCase().slice(0, 100);
  const rows = await db.user.findMany({
    where: q ? { OR: [{ email: containsIgnoringCase(db, q) }, { name: containsIgnoringCase(db, q) }] } : { role: { not: "employee" } },
    orderBy: [{ role: "asc" }, { name: "asc" }],
    take: 50,
    select: { id: true, name: true, email: true, role: true, department: true, location: true },
  });
  return rows;
}

/** Changes settings: validated as a whole, with a clear message for nonsense; each change audited. */
export async function updateSettings(db: Db, actor: Actor | null, input: unknown, clock: { now?: Date } = {}) {
  const admin = requireRole(actor, ["admin"], "change settings");
  const current = await getSettings(db);
  const partial = parseInput(settingsFields.partial(), coerceNumbers(input));
  const next = settingsSchema.safeParse({ ...current, ...partial });
  if (!next.success) throw invalidInput(next.error.issues);
  const changed = (Object.keys(partial) as (keyof Settings)[]).filter((k) => partial[k] !== current[k]);
  await db.$transaction(async (tx) => {
    for (const key of changed) {
      await tx.setting.upsert({ where: { key }, create: { key, value: JSON.stringify(next.data[key]) }, update: { value: JSON.stringify(next.data[key]) } });
      await recordAudit(tx, admin, "setting.change", key, { from: current[key], to: next.data[key] }, clock.now);
    }
  });
  // Thresholds and the like show on every public petition's page (decision 031).
  if (changed.length > 0) invalidateAllPetitionPublic();
  return { settings: next.data, changed };
}

/** Form fields arrive as strings; numbers are parsed here so zod reports "expected a whole number". */
function coerceNumbers(input: unknown): unknown {
  if (typeof input !== "object" || input === null) return input;
  return Object.fromEntries(
    Object.entries(input).map(([k, v]) => [k, typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v)) ? Number(v) : v === "" ? undefined : v]),
  );
}
