import { DEFAULT_LOCALE, isLocale, type Locale } from "@/i18n/locales";
import { recordAudit, SSO_AUDIT_ROLE } from "@/lib/audit";
import { toRole, type Actor, type Role } from "@/lib/auth/actor";
import { roleAfterSignIn, type SsoProfile } from "@/lib/auth/oidc-claims";
import { isUniqueViolation } from "@/lib/errors";
import type { Db } from "@/lib/db/client";
import { readActorRow } from "@/lib/db/direct";

export { SSO_AUDIT_ROLE } from "@/lib/audit";

export type SsoSignIn = { id: string; email: string; role: Role; from: Role | null; keptLastAdmin: boolean };

/**
 * Creates or refreshes the account behind a single sign-on. Name, department and location follow
 * the identity provider at every sign-in; the role follows roleAfterSignIn (the provider is
 * authoritative for the roles that have groups configured), except that the last admin is never
 * removed by a sign-in: the account stays admin, and the audit log and /admin say why, until
 * another admin exists. Every role change a sign-in makes is in the audit log.
 */
export async function upsertSsoUser(db: Db, profile: SsoProfile, mapped: readonly Role[] = [], clock: { now?: Date } = {}): Promise<SsoSignIn> {
  const fields = { name: profile.name, department: profile.department, location: profile.location };
  const now = clock.now ?? new Date();
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const existing = await tx.user.findUnique({ where: { email: profile.email }, select: { id: true, role: true } });
        if (!existing) {
          const role = roleAfterSignIn(null, profile.role, mapped);
          const created = await tx.user.create({ data: { email: profile.email, ...fields, role }, select: { id: true } });
          return { id: created.id, email: profile.email, role, from: null, keptLastAdmin: false };
        }
        const from = toRole(existing.role);
        let role = roleAfterSignIn(from, profile.role, mapped);
        let keptLastAdmin = false;
        if (from === "admin" && role !== "admin") {
          const others = await tx.user.count({ where: { role: "admin", id: { not: existing.id } } });
          if (others === 0) {
            keptLastAdmin = true;
            role = "admin";
          }
        }
        await tx.user.update({ where: { id: existing.id }, data: { ...fields, role } });
        const self = { id: existing.id, role: SSO_AUDIT_ROLE };
        if (role !== from) await recordAudit(tx, self, "role.sso", existing.id, { name: profile.name, from, to: role }, now);
        if (keptLastAdmin) {
          await recordAudit(tx, self, "role.sso.kept-last-admin", existing.id, { name: profile.name, providerRole: profile.role ?? "employee" }, now);
        }
        return { id: existing.id, email: profile.email, role, from, keptLastAdmin };
      });
    } catch (error) {
      // Two first sign-ins of one person at once: the second finds the account the first made.
      if (!isUniqueViolation(error) || attempt >= 1) throw error;
    }
  }
}

/**
 * What /admin warns an admin about: being the only admin, and having kept the role only because
 * of that (the identity provider no longer grants it).
 */
export async function adminStanding(db: Db, actor: Actor): Promise<{ onlyAdmin: boolean; keptAsLastAdmin: boolean }> {
  const [admins, latest] = await Promise.all([
    db.user.count({ where: { role: "admin" } }),
    db.auditEntry.findFirst({
      where: { target: actor.id, action: { in: ["role.change", "role.sso", "role.sso.kept-last-admin"] } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { action: true },
    }),
  ]);
  return { onlyAdmin: actor.role === "admin" && admins <= 1, keptAsLastAdmin: actor.role === "admin" && latest?.action === "role.sso.kept-last-admin" };
}

/** The account behind a session, or null when it is gone or the session was signed out. */
export async function getActorById(db: Db, id: string, sessionVersion = 0): Promise<Actor | null> {
  // Every signed-in request runs this, so on SQLite it is one prepared statement.
  const user = await readActorRow(db, id);
  if (!user || user.sessionVersion !== sessionVersion) return null;
  const { sessionVersion: _version, ...actor } = user;
  void _version;
  return { ...actor, role: toRole(actor.role) };
}

/** Which of these addresses have an account (the sign-in page offers only demo personas that exist). */
export async function existingEmails(db: Db, emails: readonly string[]): Promise<Set<string>> {
  const rows = await db.user.findMany({ where: { email: { in: [...emails] } }, select: { email: true } });
  return new Set(rows.map((u) => u.email));
}


/** Remembers the interface language a signed-in person chose, so mail to them is written in it. */
export async function setPreferredLocale(db: Db, actor: Actor, locale: Locale): Promise<void> {
  await db.user.update({ where: { id: actor.id }, data: { locale } });
}

/**
 * At sign-in, the language of the request (its remembered choice or Accept-Language) becomes the
 * language mail is written in, unless the person already has one; a choice in the switcher
 * (setPreferredLocale) always wins over it.
 */
export async function rememberLocaleIfUnset(db: Db, userId: string, locale: Locale): Promise<void> {
  await db.user.updateMany({ where: { id: userId, locale: null }, data: { locale } });
}

/** The language to write mail to this person in: their choice, else English. */
export function mailLocale(stored: string | null | undefined): Locale {
  return isLocale(stored) ? stored : DEFAULT_LOCALE;
}
