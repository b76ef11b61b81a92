import { serverConfig, type ServerConfig } from "@/lib/config";
import type { Role } from "./actor";
import { claimConfigFromEnv, mappedRoles } from "./oidc-claims";

/** Development sign-in: on outside production, or in production only when asked for by name. */
export function devLoginEnabled(config: ServerConfig = serverConfig()): boolean {
  return config.devLogin;
}

export function oidcConfigured(config: ServerConfig = serverConfig()): boolean {
  return config.oidc !== null;
}

/** The roles single sign-on decides at every sign-in (none when SSO is off); see decision 007. */
export function ssoMappedRoles(config: ServerConfig = serverConfig()): Role[] {
  return oidcConfigured(config) ? mappedRoles(claimConfigFromEnv(config)) : [];
}
