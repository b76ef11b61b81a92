import { toRole, type Actor } from "@/lib/auth/actor";
import type { SsoProfile } from "@/lib/auth/oidc-claims";
import type { Db } from "@/lib/db/client";
import { readActorRow } from "@/lib/db/direct";

/**
 * Creates or refreshes the account behind a single sign-on. Profile fields follow the identity
 * provider on every sign-in; the role follows it only when a configured group matches, so roles
 * an admin gave inside Undersigned stay when the provider says nothing about them.
 */
export async function upsertSsoUser(db: Db, profile: SsoProfile) {
  const fields = { name: profile.name, department: profile.department, location: profile.location };
  return db.user.upsert({
    where: { email: profile.email },
    create: { email: profile.email, ...fields, role: profile.role ?? "employee" },
    update: { ...fields, ...(profile.role ? { role: profile.role } : {}) },
    select: { id: true },
  });
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

