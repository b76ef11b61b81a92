// Every environment variable Undersigned reads, as one zod schema each for the server (the app
// and lib/) and for the scripts (scripts/): type, range, default, and what production requires.
// Pure: it takes an environment and never reads process.env itself (./index.ts does, once).
// The README's configuration table lists exactly these variables; test/unit/config.test.ts
// checks both ways. Decision: docs/decisions/016-configuration.md.
import { z } from "zod";

type Env = Record<string, string | undefined>;

export const DEFAULT_DATABASE_URL = "file:./data/undersigned.db";
export const DEFAULT_MAIL_FROM = "Undersigned <undersigned@localhost>";
/** The rotation slots Auth.js reads besides AUTH_SECRET (AUTH_SECRET_1…3). */
export const SECRET_SLOTS = ["AUTH_SECRET_1", "AUTH_SECRET_2", "AUTH_SECRET_3"] as const;
/** A secret's shortest accepted length in production (openssl rand -base64 32 gives 44). */
export const MIN_SECRET_LENGTH = 32;

/** What a variable accepts, in the words the start-up error uses. */
const accepts = new Map<string, string>();
/** Variables whose value never appears in an error: secrets, and URLs that can carry a password. */
const hidden = new Set<string>();

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const decimal = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .transform(Number)
    .pipe(z.number().min(min).max(max));

const onOff = z.enum(["on", "off"]).transform((v) => v === "on");
const trueFalse = z.enum(["true", "false"]).transform((v) => v === "true");

const url = (protocols: string[]) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  });

/** Comma-separated names, trimmed, empty entries dropped. */
const list = z.string().transform((v) =>
  v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
);

const databaseUrl = z.string().regex(/^(file:.+|postgres(ql)?:\/\/.+)$/);
const port = wholeNumber(1, 65535);
/** A claim name or label: printable, one line. */
const oneLine = (max: number) => z.string().max(max).regex(/^[^\u0000-\u001f\u007f]+$/);

function describe<T extends z.ZodRawShape>(shape: T, texts: { [K in keyof T]: string }, secret: (keyof T)[] = []): T {
  for (const [name, text] of Object.entries(texts)) accepts.set(name, text);
  for (const name of secret) hidden.add(name as string);
  return shape;
}

const serverShape = describe(
  {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    NEXT_PHASE: z.string().optional(),
    DATABASE_URL: databaseUrl.default(DEFAULT_DATABASE_URL),
    DATABASE_POOL_SIZE: wholeNumber(2, 1000).default(10),
    PORT: port.default(3000),
    AUTH_SECRET: z.string().optional(),
    AUTH_SECRET_1: z.string().optional(),
    AUTH_SECRET_2: z.string().optional(),
    AUTH_SECRET_3: z.string().optional(),
    AUTH_URL: url(["http:", "https:"]).optional(),
    AUTH_TRUST_HOST: trueFalse.optional(),
    AUTH_DEV_LOGIN: trueFalse.optional(),
    AUTH_OIDC_ISSUER: url(["http:", "https:"]).optional(),
    AUTH_OIDC_CLIENT_ID: oneLine(500).optional(),
    AUTH_OIDC_CLIENT_SECRET: z.string().optional(),
    AUTH_OIDC_NAME: oneLine(80).default("Company single sign-on"),
    AUTH_OIDC_SCOPE: z
      .string()
      .regex(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/)
      .refine((v) => v.split(" ").includes("openid"))
      .default("openid email profile"),
    AUTH_OIDC_GROUPS_CLAIM: oneLine(100).default("groups"),
    AUTH_OIDC_DEPARTMENT_CLAIM: oneLine(100).default("department"),
    AUTH_OIDC_LOCATION_CLAIM: oneLine(100).default("location"),
    AUTH_OIDC_LEADERSHIP_GROUPS: list.default([]),
    AUTH_OIDC_MODERATOR_GROUPS: list.default([]),
    AUTH_OIDC_ADMIN_GROUPS: list.default([]),
    UNDERSIGNED_SCHEDULER: onOff.default(true),
    UNDERSIGNED_SCHEDULER_MS: wholeNumber(100, 3_600_000).default(30_000),
    UNDERSIGNED_LIVE_TICK_MS: wholeNumber(50, 10_000).default(500),
    UNDERSIGNED_COMMENT_BATCH_SECONDS: wholeNumber(1, 86_400).default(300),
    UNDERSIGNED_SIGNATURE_BATCH_SECONDS: wholeNumber(1, 86_400).default(600),
    UNDERSIGNED_SIGNATURE_BATCH_HOLD_SECONDS: wholeNumber(0, 86_400).default(3600),
    UNDERSIGNED_LEGACY_CLAIM_DAYS: wholeNumber(1, 3650).default(60),
    SMTP_URL: url(["smtp:", "smtps:"]).optional(),
    MAIL_FROM: z
      .string()
      .max(200)
      .regex(/^[^\r\n<>@]*(<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/)
      .default(DEFAULT_MAIL_FROM),
    DIGEST_HOUR_UTC: wholeNumber(0, 23).default(7),
    UNDERSIGNED_RATE_LIMITS: onOff.default(true),
    UNDERSIGNED_RATE_LIMIT_SCALE: decimal(0.01, 1_000_000).default(1),
    UNDERSIGNED_DIRECT_SQL: onOff.default(true),
    UNDERSIGNED_QUERY_PLAN_CACHE: onOff.default(true),
    UNDERSIGNED_PAGE_CACHE_SECONDS: wholeNumber(0, 60).default(2),
    UNDERSIGNED_HEAP_GROWTH_PERCENT: wholeNumber(0, 300).default(100),
  },
  {
    NODE_ENV: "development, test or production (Next.js sets it: production under next start)",
    NEXT_PHASE: "set by Next.js while it builds; never set it yourself",
    DATABASE_URL: "a file: URL (SQLite) or a postgresql:// URL",
    DATABASE_POOL_SIZE: "a whole number from 2 to 1000",
    PORT: "a port number from 1 to 65535",
    AUTH_SECRET: `a random value of at least ${MIN_SECRET_LENGTH} characters in production (openssl rand -base64 32)`,
    AUTH_SECRET_1: `a random value of at least ${MIN_SECRET_LENGTH} characters in production`,
    AUTH_SECRET_2: `a random value of at least ${MIN_SECRET_LENGTH} characters in production`,
    AUTH_SECRET_3: `a random value of at least ${MIN_SECRET_LENGTH} characters in production`,
    AUTH_URL: "an http:// or https:// URL, the app's public address",
    AUTH_TRUST_HOST: "true or false",
    AUTH_DEV_LOGIN: "true or false",
    AUTH_OIDC_ISSUER: "an http:// or https:// URL, the identity provider's issuer",
    AUTH_OIDC_CLIENT_ID: "one line of at most 500 characters",
    AUTH_OIDC_CLIENT_SECRET: "the client secret the identity provider issued",
    AUTH_OIDC_NAME: "one line of at most 80 characters",
    AUTH_OIDC_SCOPE: "space-separated scopes that include openid",
    AUTH_OIDC_GROUPS_CLAIM: "a claim name (one line, at most 100 characters)",
    AUTH_OIDC_DEPARTMENT_CLAIM: "a claim name (one line, at most 100 characters)",
    AUTH_OIDC_LOCATION_CLAIM: "a claim name (one line, at most 100 characters)",
    AUTH_OIDC_LEADERSHIP_GROUPS: "comma-separated group names",
    AUTH_OIDC_MODERATOR_GROUPS: "comma-separated group names",
    AUTH_OIDC_ADMIN_GROUPS: "comma-separated group names",
    UNDERSIGNED_SCHEDULER: "on or off",
    UNDERSIGNED_SCHEDULER_MS: "a whole number of milliseconds from 100 to 3600000 (an hour: the daily digest needs a round every hour)",
    UNDERSIGNED_LIVE_TICK_MS: "a whole number of milliseconds from 50 to 10000",
    UNDERSIGNED_COMMENT_BATCH_SECONDS: "a whole number of seconds from 1 to 86400 (a day)",
    UNDERSIGNED_SIGNATURE_BATCH_SECONDS: "a whole number of seconds from 1 to 86400 (a day): how often anonymous signatures are written",
    UNDERSIGNED_SIGNATURE_BATCH_HOLD_SECONDS: "a whole number of seconds from 0 to 86400: how long a batch of fewer than k anonymous signatures waits for more",
    UNDERSIGNED_LEGACY_CLAIM_DAYS: "a whole number of days from 1 to 3650: how long an anonymous signature made before signing tokens existed can still be claimed",
    SMTP_URL: "an smtp:// or smtps:// URL",
    MAIL_FROM: "an address, optionally with a name: Name <address@example.com>",
    DIGEST_HOUR_UTC: "a whole hour from 0 to 23",
    UNDERSIGNED_RATE_LIMITS: "on or off",
    UNDERSIGNED_RATE_LIMIT_SCALE: "a number from 0.01 to 1000000",
    UNDERSIGNED_DIRECT_SQL: "on or off",
    UNDERSIGNED_QUERY_PLAN_CACHE: "on or off",
    UNDERSIGNED_PAGE_CACHE_SECONDS: "a whole number of seconds from 0 to 60; 0 renders every page per request",
    UNDERSIGNED_HEAP_GROWTH_PERCENT: "a whole number from 0 to 300: how far past what survived the last full collection the JavaScript heap may grow, in percent; 0 leaves it to V8",
  },
  ["DATABASE_URL", "AUTH_SECRET", ...SECRET_SLOTS, "AUTH_OIDC_CLIENT_SECRET", "SMTP_URL"],
);

const toolsShape = describe(
  {
    PATH: z.string().default(""),
    DATABASE_URL: databaseUrl.optional(),
    PORT: port.optional(),
    HOST: z.string().regex(/^[A-Za-z0-9.:-]+$/).default("0.0.0.0"),
    NEXT_DIST_DIR: z.string().regex(/^[\w./-]+$/).optional(),
    E2E_PORT: port.default(3100),
    E2E_SERVER_LOG: z.string().default("test/.tmp/e2e-server.log"),
    E2E_DATABASES: list.pipe(z.array(z.enum(["sqlite", "postgres"])).min(1)).default(["sqlite", "postgres"]),
    E2E_POSTGRES_SUITE: z.enum(["engine", "full"]).default("engine"),
    TEST_POSTGRES_URL: z.string().regex(/^postgres(ql)?:\/\/.+/).optional(),
    UNDERSIGNED_PG_PORT: wholeNumber(1, 65526).optional(),
    PG_BIN: z.string().optional(),
    CHROME_PATH: z.string().optional(),
    AUDIT_PORT: port.default(3460),
    AUDIT_BUILD: z.enum(["build", "skip"]).default("build"),
    BENCH_PORT: wholeNumber(1, 65530).default(3700),
    BENCH_SERVER_NODE_ARGS: z.string().default(""),
    BENCH_SERVER_LOG: z.string().regex(/^[\w./-]+$/).optional(),
  },
  {
    PATH: "the system's search path",
    DATABASE_URL: "a file: URL (SQLite) or a postgresql:// URL",
    PORT: "a port number from 1 to 65535",
    HOST: "a host name or IP address",
    NEXT_DIST_DIR: "a folder path (letters, digits, . _ / -)",
    E2E_PORT: "a port number from 1 to 65535",
    E2E_SERVER_LOG: "a file path",
    E2E_DATABASES: "comma-separated: sqlite, postgres",
    E2E_POSTGRES_SUITE: "engine (the specs the database can change) or full",
    TEST_POSTGRES_URL: "a postgresql:// URL whose user may create databases",
    UNDERSIGNED_PG_PORT: "a port number from 1 to 65526 (ten ports from it are tried)",
    PG_BIN: "a folder holding initdb, pg_ctl and postgres",
    CHROME_PATH: "the path of a Chromium executable",
    AUDIT_PORT: "a port number from 1 to 65535",
    AUDIT_BUILD: "build or skip",
    BENCH_PORT: "a port number from 1 to 65530 (the benchmark uses a few from it)",
    BENCH_SERVER_NODE_ARGS: "extra node arguments for the benchmarked server, space-separated",
    BENCH_SERVER_LOG: "a file path (letters, digits, . _ / -)",
  },
  ["DATABASE_URL", "TEST_POSTGRES_URL"],
);

export const SERVER_VARIABLES = Object.keys(serverShape) as (keyof typeof serverShape)[];
export const TOOL_VARIABLES = Object.keys(toolsShape) as (keyof typeof toolsShape)[];

type ServerValues = z.output<z.ZodObject<typeof serverShape>>;

export type ServerConfig = Readonly<
  ServerValues & {
    production: boolean;
    /** Development sign-in with the demo personas. */
    devLogin: boolean;
    trustHost: boolean;
    /** AUTH_SECRET_3…1 then AUTH_SECRET, Auth.js's order: the first signs, all verify. */
    authSecrets: readonly string[];
    /** Single sign-on, when the issuer, client id and client secret are all set. */
    oidc: { issuer: string; clientId: string; clientSecret: string } | null;
  }
>;

export type ToolsConfig = Readonly<z.output<z.ZodObject<typeof toolsShape>>>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration (see the README's Configuration table):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Unset and empty are the same: `AUTH_URL=` in an env file means "not set". */
function present(env: Env, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value !== "") out[name] = value;
  }
  return out;
}

function problemsOf(error: z.ZodError, values: Record<string, string>): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const issue of error.issues) {
    const name = String(issue.path[0]);
    if (seen.has(name)) continue;
    seen.add(name);
    const shown = hidden.has(name) ? `${name} (value hidden)` : `${name}=${JSON.stringify(values[name])}`;
    problems.push(`${shown} is not accepted: expected ${accepts.get(name) ?? "a valid value"}`);
  }
  return problems;
}

function parseShape<T extends z.ZodRawShape>(shape: T, env: Env): { values: z.output<z.ZodObject<T>>; raw: Record<string, string> } {
  const raw = present(env, Object.keys(shape));
  const result = z.object(shape).safeParse(raw);
  if (!result.success) throw new ConfigError(problemsOf(result.error, raw));
  return { values: result.data, raw };
}

/**
 * The server's configuration from an environment: every value checked, defaults applied, and
 * (under `next start`, not while `next build` runs) what production requires. Throws a
 * ConfigError naming each bad variable and what it accepts.
 */
export function parseServerEnv(env: Env): ServerConfig {
  const { values } = parseShape(serverShape, env);
  const problems: string[] = [];
  const production = values.NODE_ENV === "production";
  const authSecrets: string[] = [];
  if (values.AUTH_SECRET) authSecrets.push(values.AUTH_SECRET);
  for (const slot of SECRET_SLOTS) if (values[slot]) authSecrets.unshift(values[slot]);

  const oidcParts = [values.AUTH_OIDC_ISSUER, values.AUTH_OIDC_CLIENT_ID, values.AUTH_OIDC_CLIENT_SECRET];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean)) {
    const missing = (["AUTH_OIDC_ISSUER", "AUTH_OIDC_CLIENT_ID", "AUTH_OIDC_CLIENT_SECRET"] as const).filter((_, i) => !oidcParts[i]);
    problems.push(`${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set: single sign-on needs AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET together`);
  }
  if (production && values.NEXT_PHASE !== "phase-production-build") {
    if (authSecrets.length === 0) {
      problems.push(`AUTH_SECRET is required in production: a random value of at least ${MIN_SECRET_LENGTH} characters (openssl rand -base64 32); AUTH_SECRET_1…3 may hold it while rotating`);
    }
    for (const name of ["AUTH_SECRET", ...SECRET_SLOTS] as const) {
      const secret = values[name];
      if (secret && secret.length < MIN_SECRET_LENGTH) problems.push(`${name} (value hidden) is too short for production: expected at least ${MIN_SECRET_LENGTH} characters`);
    }
    if (values.SMTP_URL && !values.AUTH_URL) {
      problems.push("AUTH_URL is required in production when SMTP_URL is set: the links in every email need the app's public address");
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return Object.freeze({
    ...values,
    production,
    devLogin: values.AUTH_DEV_LOGIN ?? !production,
    trustHost: values.AUTH_TRUST_HOST ?? !production,
    authSecrets: Object.freeze(authSecrets),
    oidc:
      values.AUTH_OIDC_ISSUER && values.AUTH_OIDC_CLIENT_ID && values.AUTH_OIDC_CLIENT_SECRET
        ? { issuer: values.AUTH_OIDC_ISSUER, clientId: values.AUTH_OIDC_CLIENT_ID, clientSecret: values.AUTH_OIDC_CLIENT_SECRET }
        : null,
  });
}

/** The scripts' configuration from an environment (scripts/: demo, tests' servers, audit, bench). */
export function parseToolsEnv(env: Env): ToolsConfig {
  return Object.freeze(parseShape(toolsShape, env).values);
}
