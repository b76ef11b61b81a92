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
