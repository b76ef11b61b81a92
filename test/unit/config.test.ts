// lib/config: every environment variable checked once, with the variable named in the error,
// defaults applied, production's requirements enforced, and the README's table kept in step.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { childEnv, ConfigError, parseServerEnv, parseToolsEnv, SERVER_VARIABLES, TOOL_VARIABLES } from "@/lib/config";

const SECRET = "a-production-secret-of-enough-length-0123";
const production = { NODE_ENV: "production", AUTH_SECRET: SECRET };

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("parsing the server's environment", () => {
  it("applies the documented defaults to an empty environment", () => {
    const config = parseServerEnv({});
    expect(config).toMatchObject({
      NODE_ENV: "development",
      production: false,
      DATABASE_URL: "file:./data/undersigned.db",
      DATABASE_POOL_SIZE: 10,
      PORT: 3000,
      UNDERSIGNED_SCHEDULER: true,
      UNDERSIGNED_SCHEDULER_MS: 30_000,
      UNDERSIGNED_LIVE_TICK_MS: 500,
      DIGEST_HOUR_UTC: 7,
      UNDERSIGNED_RATE_LIMITS: true,
      UNDERSIGNED_RATE_LIMIT_SCALE: 1,
      UNDERSIGNED_DIRECT_SQL: true,
      UNDERSIGNED_QUERY_PLAN_CACHE: true,
      UNDERSIGNED_PAGE_CACHE_SECONDS: 2,
      UNDERSIGNED_HEAP_GROWTH_PERCENT: 100,
      MAIL_FROM: "Undersigned <undersigned@localhost>",
      AUTH_OIDC_NAME: "Company single sign-on",
      AUTH_OIDC_SCOPE: "openid email profile",
      AUTH_OIDC_GROUPS_CLAIM: "groups",
      AUTH_OIDC_ADMIN_GROUPS: [],
      devLogin: true,
      trustHost: true,
      authSecrets: [],
      oidc: null,
    });
    expect(config.SMTP_URL).toBeUndefined();
    expect(config.AUTH_URL).toBeUndefined();
  });

  it("reads the values it is given, as their types", () => {
    const config = parseServerEnv({
      UNDERSIGNED_SCHEDULER_MS: "1000",
      DIGEST_HOUR_UTC: "0",
      UNDERSIGNED_RATE_LIMIT_SCALE: "0.5",
      UNDERSIGNED_RATE_LIMITS: "off",
      UNDERSIGNED_SCHEDULER: "off",
      DATABASE_URL: "postgresql://u:p@db.internal:5432/undersigned",
      AUTH_OIDC_LEADERSHIP_GROUPS: " exec, directors ,,",
      MAIL_FROM: "noreply@example.com",
    });
    expect(config).toMatchObject({
      UNDERSIGNED_SCHEDULER_MS: 1000,
      DIGEST_HOUR_UTC: 0,
      UNDERSIGNED_RATE_LIMIT_SCALE: 0.5,
      UNDERSIGNED_RATE_LIMITS: false,
      UNDERSIGNED_SCHEDULER: false,
      AUTH_OIDC_LEADERSHIP_GROUPS: ["exec", "directors"],
      MAIL_FROM: "noreply@example.com",
    });
  });

  it("treats an empty value as unset", () => {
    const config = parseServerEnv({ AUTH_URL: "", UNDERSIGNED_SCHEDULER_MS: "", AUTH_OIDC_NAME: "" });
    expect(config).toMatchObject({ UNDERSIGNED_SCHEDULER_MS: 30_000, AUTH_OIDC_NAME: "Company single sign-on" });
    expect(config.AUTH_URL).toBeUndefined();
  });

  it.each([
    ["UNDERSIGNED_SCHEDULER_MS", "30s", /UNDERSIGNED_SCHEDULER_MS="30s" is not accepted: expected a whole number of milliseconds from 100 to 3600000/],
    ["UNDERSIGNED_SCHEDULER_MS", "0", /UNDERSIGNED_SCHEDULER_MS="0" is not accepted/],
    ["UNDERSIGNED_SCHEDULER_MS", "7200000", /UNDERSIGNED_SCHEDULER_MS="7200000" is not accepted/],
    ["DIGEST_HOUR_UTC", "7am", /DIGEST_HOUR_UTC="7am" is not accepted: expected a whole hour from 0 to 23/],
    ["DIGEST_HOUR_UTC", "24", /DIGEST_HOUR_UTC="24" is not accepted/],
    ["DIGEST_HOUR_UTC", "-1", /DIGEST_HOUR_UTC="-1" is not accepted/],
    ["UNDERSIGNED_LIVE_TICK_MS", "1.5", /UNDERSIGNED_LIVE_TICK_MS="1.5" is not accepted: expected a whole number of milliseconds from 50 to 10000/],
    ["DATABASE_POOL_SIZE", "1", /DATABASE_POOL_SIZE="1" is not accepted: expected a whole number from 2 to 1000/],
    ["PORT", "70000", /PORT="70000" is not accepted: expected a port number/],
    ["UNDERSIGNED_RATE_LIMITS", "false", /UNDERSIGNED_RATE_LIMITS="false" is not accepted: expected on or off/],
    ["UNDERSIGNED_RATE_LIMIT_SCALE", "x2", /UNDERSIGNED_RATE_LIMIT_SCALE="x2" is not accepted: expected a number from 0.01 to 1000000/],
    ["UNDERSIGNED_DIRECT_SQL", "no", /UNDERSIGNED_DIRECT_SQL="no" is not accepted: expected on or off/],
    ["AUTH_TRUST_HOST", "yes", /AUTH_TRUST_HOST="yes" is not accepted: expected true or false/],
    ["AUTH_URL", "undersigned.example.com", /AUTH_URL="undersigned.example.com" is not accepted: expected an http:\/\/ or https:\/\/ URL/],
    ["AUTH_OIDC_SCOPE", "email profile", /AUTH_OIDC_SCOPE="email profile" is not accepted: expected space-separated scopes that include openid/],
    ["MAIL_FROM", "Undersigned\r\nBcc: x@example.com", /MAIL_FROM=.* is not accepted: expected an address/],
    ["NODE_ENV", "staging", /NODE_ENV="staging" is not accepted: expected development, test or production/],
  ])("refuses %s=%s, naming it and what it accepts", (name, value, message) => {
    const found = problems(() => parseServerEnv({ [name]: value }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it("lists every bad variable at once, and never prints a secret or a URL that may hold a password", () => {
    const error = (() => {
      try {
        parseServerEnv({ UNDERSIGNED_SCHEDULER_MS: "30s", DIGEST_HOUR_UTC: "7am", DATABASE_URL: "mysql://root:hunter2@db/x", SMTP_URL: "http://user:hunter2@mail" });
      } catch (e) {
        return e as ConfigError;
      }
    })()!;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.problems).toHaveLength(4);
    expect(error.message).toMatch(/UNDERSIGNED_SCHEDULER_MS/);
    expect(error.message).toMatch(/DIGEST_HOUR_UTC/);
    expect(error.message).toMatch(/DATABASE_URL \(value hidden\) is not accepted: expected a file: URL \(SQLite\) or a postgresql:\/\/ URL/);
    expect(error.message).toMatch(/SMTP_URL \(value hidden\) is not accepted: expected an smtp:\/\/ or smtps:\/\/ URL/);
    expect(error.message).not.toMatch(/hunter2/);
  });

  it("needs single sign-on's issuer, client id and client secret together", () => {
    expect(problems(() => parseServerEnv({ AUTH_OIDC_CLIENT_ID: "x" }))[0]).toMatch(/AUTH_OIDC_ISSUER and AUTH_OIDC_CLIENT_SECRET are not set/);
    expect(problems(() => parseServerEnv({ AUTH_OIDC_ISSUER: "not a url", AUTH_OIDC_CLIENT_ID: "x", AUTH_OIDC_CLIENT_SECRET: "y" }))[0]).toMatch(/AUTH_OIDC_ISSUER="not a url" is not accepted/);
    expect(parseServerEnv({ AUTH_OIDC_ISSUER: "https://id.example.com", AUTH_OIDC_CLIENT_ID: "x", AUTH_OIDC_CLIENT_SECRET: "y" }).oidc).toEqual({ issuer: "https://id.example.com", clientId: "x", clientSecret: "y" });
  });
});

describe("what production requires", () => {
  it("refuses to start without a secret", () => {
    expect(problems(() => parseServerEnv({ NODE_ENV: "production" }))).toEqual([expect.stringMatching(/^AUTH_SECRET is required in production/)]);
  });

  it("accepts a rotation slot alone as the secret", () => {
    expect(parseServerEnv({ NODE_ENV: "production", AUTH_SECRET_1: SECRET }).authSecrets).toEqual([SECRET]);
  });

  it("refuses a short secret in production, without showing it", () => {
    const found = problems(() => parseServerEnv({ NODE_ENV: "production", AUTH_SECRET: "short-secret", AUTH_SECRET_2: SECRET }));
    expect(found).toEqual([expect.stringMatching(/^AUTH_SECRET \(value hidden\) is too short for production: expected at least 32 characters/)]);
    expect(found.join()).not.toMatch(/short-secret/);
    // Outside production any secret will do.
    expect(parseServerEnv({ AUTH_SECRET: "dev" }).authSecrets).toEqual(["dev"]);
  });

  it("needs AUTH_URL when it sends mail, since every link in a mail uses it", () => {
    expect(problems(() => parseServerEnv({ ...production, SMTP_URL: "smtp://mail.example.com:587" }))).toEqual([expect.stringMatching(/^AUTH_URL is required in production when SMTP_URL is set/)]);
    expect(parseServerEnv({ ...production, SMTP_URL: "smtp://mail.example.com:587", AUTH_URL: "https://undersigned.example.com" }).SMTP_URL).toBe("smtp://mail.example.com:587");
  });

  it("turns development sign-in and host trust off by default", () => {
    expect(parseServerEnv(production)).toMatchObject({ production: true, devLogin: false, trustHost: false });
    expect(parseServerEnv({ ...production, AUTH_DEV_LOGIN: "true", AUTH_TRUST_HOST: "true" })).toMatchObject({ devLogin: true, trustHost: true });
  });

  it("checks production's requirements at start, not while next build runs", () => {
    expect(parseServerEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" }).production).toBe(true);
    // Values are still checked at build.
    expect(problems(() => parseServerEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build", DIGEST_HOUR_UTC: "7am" }))[0]).toMatch(/DIGEST_HOUR_UTC/);
  });
});

describe("parsing the scripts' environment", () => {
  it("applies defaults and refuses bad values by name", () => {
    expect(parseToolsEnv({})).toMatchObject({ E2E_PORT: 3100, AUDIT_PORT: 3460, AUDIT_BUILD: "build", BENCH_PORT: 3700, E2E_DATABASES: ["sqlite", "postgres"], HOST: "0.0.0.0" });
    expect(parseToolsEnv({ E2E_DATABASES: "postgres" }).E2E_DATABASES).toEqual(["postgres"]);
    expect(parseToolsEnv({}).E2E_POSTGRES_SUITE).toBe("engine");
    expect(parseToolsEnv({ BENCH_SERVER_LOG: "/tmp/server.log" }).BENCH_SERVER_LOG).toBe("/tmp/server.log");
    expect(problems(() => parseToolsEnv({ BENCH_SERVER_LOG: "a log; rm" }))[0]).toMatch(/BENCH_SERVER_LOG/);
    expect(parseToolsEnv({ E2E_POSTGRES_SUITE: "full" }).E2E_POSTGRES_SUITE).toBe("full");
    expect(problems(() => parseToolsEnv({ E2E_POSTGRES_SUITE: "all" }))[0]).toMatch(/E2E_POSTGRES_SUITE="all" is not accepted: expected engine \(the specs the database can change\) or full/);
    expect(problems(() => parseToolsEnv({ E2E_DATABASES: "sqlite,mysql" }))[0]).toMatch(/E2E_DATABASES="sqlite,mysql" is not accepted: expected comma-separated: sqlite, postgres/);
    expect(problems(() => parseToolsEnv({ AUDIT_BUILD: "no" }))[0]).toMatch(/AUDIT_BUILD="no" is not accepted: expected build or skip/);
    expect(problems(() => parseToolsEnv({ TEST_POSTGRES_URL: "file:x.db" }))[0]).toMatch(/TEST_POSTGRES_URL \(value hidden\)/);
  });
});

describe("the environment handed to a child process", () => {
  it("keeps this process's variables, overrides with `set`, and fills `fallback` only where unset", () => {
    process.env.UNDERSIGNED_CHILD_ENV_TEST = "mine";
    try {
      const env = childEnv({ NODE_ENV: "production" }, { UNDERSIGNED_CHILD_ENV_TEST: "fallback", UNDERSIGNED_CHILD_ENV_OTHER: "fallback" });
      expect(env).toMatchObject({ NODE_ENV: "production", UNDERSIGNED_CHILD_ENV_TEST: "mine", UNDERSIGNED_CHILD_ENV_OTHER: "fallback" });
      expect(env.PATH).toBe(process.env.PATH);
    } finally {
      delete process.env.UNDERSIGNED_CHILD_ENV_TEST;
    }
  });
});

describe("the README's configuration table", () => {
  const readme = readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Configuration\n"));
  // The first table of the section; the test harness's own table follows it.
  const table = /\n(\| variable \|[^\n]*\n(?:\|[^\n]*\n)+)/.exec(section)![1]!;
  const listed = table
    .split("\n")
    .slice(2)
    .flatMap((row) => [...(row.split("|")[1] ?? "").matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!));

  it("lists every variable the configuration schema reads", () => {
    const schema = new Set<string>([...SERVER_VARIABLES, ...TOOL_VARIABLES]);
    expect(listed.length).toBeGreaterThan(30);
    expect([...schema].filter((name) => !listed.includes(name))).toEqual([]);
  });

  it("lists nothing the schema does not read, and each variable once", () => {
    const schema = new Set<string>([...SERVER_VARIABLES, ...TOOL_VARIABLES]);
    expect(listed.filter((name) => !schema.has(name))).toEqual([]);
    expect(listed.filter((name, i) => listed.indexOf(name) !== i)).toEqual([]);
  });
});
