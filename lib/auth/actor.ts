// Who is acting. Domain functions take an Actor (or null for someone signed out) and decide
// permissions themselves, so every adapter (page, action, route, script) gets the same checks.
import { z } from "zod";
import enClient from "@/messages/en/client.json";
import { forbidden, unauthenticated } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";
import { actionId, type SignInAction } from "./actions";

export { actionId, type OrganizerAction, type SignInAction } from "./actions";

export const ROLES = ["employee", "leadership", "moderator", "admin"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/**
 * The roles' names in English, from the "Roles" namespace (messages/en/client.json), for text
 * recorded once for everyone (event summaries). Pages show a role in the reader's language with
 * that namespace (`useTranslations("Roles")`), from the role's key.
 */
export const ROLE_LABELS: Record<Role, string> = enClient.Roles;

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

export function requireActor(actor: Actor | null, action: SignInAction = "do this"): Actor {
  if (!actor) throw unauthenticated(msg("Errors.auth.signInTo", { action: actionId(action) }));
  return actor;
}

/** The actor, when their role is `role`; otherwise the 401 or 403 the command throws. */
export function requireRole(actor: Actor | null, [role]: readonly [Role], action: SignInAction): Actor {
  const signedIn = requireActor(actor, action);
  if (signedIn.role !== role) throw forbidden(msg("Errors.auth.onlyRole", { role, action: actionId(action) }));
  return signedIn;
}
