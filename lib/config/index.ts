// The one place that reads process.env (an eslint rule keeps it so; eslint.config.mjs lists the
// exceptions and why). The server's configuration is parsed once, at start (instrumentation.ts),
// and kept on globalThis: Next.js bundles the instrumentation hook, the proxy and the routes
// separately, and they should all see the one parse. Schema: ./schema.ts.
import { parseServerEnv, parseToolsEnv, type ServerConfig, type ToolsConfig } from "./schema";

export { ConfigError, DEFAULT_DATABASE_URL, parseServerEnv, parseToolsEnv, SERVER_VARIABLES, TOOL_VARIABLES } from "./schema";
export type { ServerConfig, ToolsConfig } from "./schema";

const cache = globalThis as unknown as { undersignedServerConfig?: ServerConfig; undersignedToolsConfig?: ToolsConfig };

/** The server's configuration (the app, lib/ and scripts that use lib/); throws a ConfigError when a value is bad. */
export function serverConfig(): ServerConfig {
  return (cache.undersignedServerConfig ??= parseServerEnv(process.env));
}

/** The configuration of the scripts in scripts/ (the demo, the tests' servers, the audit, the benchmark). */
export function toolsConfig(): ToolsConfig {
  return (cache.undersignedToolsConfig ??= parseToolsEnv(process.env));
}

/** The rotation-aware secret reader: AUTH_SECRET_3…1, then AUTH_SECRET. The first signs; all verify. */
export function authSecrets(config: ServerConfig = serverConfig()): readonly string[] {
  return config.authSecrets;
}

/**
 * The environment for a child process: this process's, with `set` applied and `fallback` applied
 * only where the variable is unset. The child (a Next.js server, Playwright, npm) checks it itself.
 */
export function childEnv(set: Record<string, string>, fallback: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, value] of Object.entries(fallback)) if (!env[name]) env[name] = value;
  return Object.assign(env, set);
}
