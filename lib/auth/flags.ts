import type { Role } from "./actor";
import { claimConfigFromEnv, mappedRoles } from "./oidc-claims";

/** Development sign-in: on outside production, or in production only when asked for by name. */
export function devLoginEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return env.NODE_ENV !== "production" || env.AUTH_DEV_LOGIN === "true";
}

export function oidcConfigured(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_CLIENT_ID);
}

/** The roles single sign-on decides at every sign-in (none when SSO is off); see decision 007. */
export function ssoMappedRoles(env: Record<string, string | undefined> = process.env): Role[] {
  return oidcConfigured(env) ? mappedRoles(claimConfigFromEnv(env)) : [];
}
