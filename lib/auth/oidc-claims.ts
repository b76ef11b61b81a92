// Maps the company identity provider's claims to an Undersigned profile and role.
// Pure, so it is unit tested without a provider; the end-to-end test runs a real one.
import { serverConfig, type ServerConfig } from "@/lib/config";
import type { Role } from "./actor";

export type SsoProfile = {
  email: string;
  name: string;
  department: string | null;
  location: string | null;
  /** The role the groups claim grants, or null when no configured group matches. */
  role: Role | null;
};

export type ClaimConfig = {
  groupsClaim: string;
  departmentClaim: string;
  locationClaim: string;
  groups: Record<Exclude<Role, "employee">, string[]>;
};

export function claimConfigFromEnv(config: ServerConfig = serverConfig()): ClaimConfig {
  return {
    groupsClaim: config.AUTH_OIDC_GROUPS_CLAIM,
    departmentClaim: config.AUTH_OIDC_DEPARTMENT_CLAIM,
    locationClaim: config.AUTH_OIDC_LOCATION_CLAIM,
    groups: {
      admin: [...config.AUTH_OIDC_ADMIN_GROUPS],
      moderator: [...config.AUTH_OIDC_MODERATOR_GROUPS],
      leadership: [...config.AUTH_OIDC_LEADERSHIP_GROUPS],
    },
  };
}

/**
 * The roles the identity provider decides: those with at least one group configured. For these
 * the provider is authoritative at every single sign-on (see roleAfterSignIn).
 */
export function mappedRoles(config: ClaimConfig): Exclude<Role, "employee">[] {
  return (["admin", "moderator", "leadership"] as const).filter((r) => config.groups[r].length > 0);
}

/**
 * The role an account has after a single sign-on (docs/decisions/007): a mapped group the person
 * is in always wins; with none, a role the provider decides is taken away (employee); a role the
 * provider says nothing about (one with no group configured, given by an admin in Undersigned)
 * stays. The last admin is protected separately (lib/users).
 */
export function roleAfterSignIn(current: Role | null, granted: Role | null, mapped: readonly Role[]): Role {
  if (granted) return granted;
  if (current === null || mapped.includes(current)) return "employee";
  return current;
}

const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim().slice(0, 200) : null);

/**
 * The strongest matching role wins (admin, then moderator, then leadership). A moderator must
 * never be leadership (PRODUCT.md), so the order puts moderation ahead of leadership and an
 * account in both groups is a moderator.
 */
export function mapClaims(claims: Record<string, unknown>, config: ClaimConfig): SsoProfile {
  const email = text(claims.email)?.toLowerCase();
  if (!email) throw new Error("The identity provider sent no email claim.");
  const rawGroups = claims[config.groupsClaim];
  const groups = new Set(
    Array.isArray(rawGroups) ? rawGroups.filter((g): g is string => typeof g === "string") : typeof rawGroups === "string" ? [rawGroups] : [],
  );
  const order = ["admin", "moderator", "leadership"] as const;
  const role = order.find((r) => config.groups[r].some((g) => groups.has(g))) ?? null;
  return {
    email,
    name: text(claims.name) ?? email.split("@")[0]!,
    department: text(claims[config.departmentClaim]),
    location: text(claims[config.locationClaim]),
    role,
  };
}
