import { serverConfig, type ServerConfig } from "@/lib/config";

/** Development sign-in: on outside production, or in production only when asked for by name. */
export function devLoginEnabled(config: ServerConfig = serverConfig()): boolean {
  return config.devLogin;
}

export function oidcConfigured(config: ServerConfig = serverConfig()): boolean {
  return config.oidc !== null;
}
