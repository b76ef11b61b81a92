// Who is acting. Domain functions take an Actor (or null for someone signed out) and decide
// permissions themselves, so every adapter (page, action, route, script) gets the same checks.
import { z } from "zod";
import { forbidden, unauthenticated } from "@/lib/errors";

export const ROLES = ["employee", "leadership", "moderator", "admin"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  employee: "Employee",
  leadership: "Leadership",
  moderator: "Moderator",
  admin: "Admin",
};

export type Actor = {
  id: string;
  name: string;
  email: string;
  role: Role;
  department: string | null;
  location: string | null;
};

/** Narrows a database role string; unknown values get the least privilege. */
export function toRole(value: string): Role {
  const parsed = roleSchema.safeParse(value);
  return parsed.success ? parsed.data : "employee";
}

export function requireActor(actor: Actor | null, action = "do this"): Actor {
  if (!actor) throw unauthenticated(`Sign in to ${action}.`);
  return actor;
}

export function requireRole(actor: Actor | null, roles: readonly Role[], action: string): Actor {
  const signedIn = requireActor(actor, action);
  if (!roles.includes(signedIn.role)) {
    throw forbidden(`Only ${roles.map((r) => ROLE_LABELS[r].toLowerCase()).join(" or ")} accounts can ${action}.`);
  }
  return signedIn;
}
