// Runs the end-to-end suite (Playwright) once per database: on SQLite, then on PostgreSQL
// (docs/decisions/014). `npm run test:e2e` builds first and then runs this; arguments go to
// Playwright (`npm run test:e2e -- test/e2e/timeline.spec.ts`).
//
// E2E_DATABASES=sqlite or =postgres runs one of them (default: both). The PostgreSQL run leaves
// out the specs whose result cannot depend on the database (test/e2e/support/engine-specs.ts,
// docs/decisions/033) unless E2E_POSTGRES_SUITE=full. For PostgreSQL, the
// databases are made on TEST_POSTGRES_URL's server when it is set (its user needs CREATEDB),
// otherwise on a throwaway cluster (scripts/pg-cluster.ts) that is deleted afterwards.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import pg from "pg";
import { childEnv, toolsConfig } from "@/lib/config";
import { stopLeftoverServer } from "./e2e-leftover";
import { startPostgresCluster, type PostgresCluster } from "./pg-cluster";

const tools = toolsConfig();
const kinds = tools.E2E_DATABASES;
const playwrightArgs = process.argv.slice(2);

/** Each run's failed tests (test/e2e/support/failure-list-reporter.ts), printed again at the very end. */
const failureLists: { kind: string; lines: string[] }[] = [];

function playwright(kind: string, env: Record<string, string>): boolean {
  console.log(`\n=== End-to-end tests on ${kind} ===\n`);
  stopLeftover();
  mkdirSync("test/.tmp", { recursive: true });
  const failuresFile = `test/.tmp/e2e-failures-${kind.toLowerCase()}.txt`;
  rmSync(failuresFile, { force: true });
  const result = spawnSync("npx", ["playwright", "test", ...playwrightArgs], {
    stdio: "inherit",
    env: childEnv({ ...env, E2E_FAILURES_FILE: failuresFile }),
  });
  stopLeftover();
  const lines = existsSync(failuresFile) ? readFileSync(failuresFile, "utf8").split("\n").filter(Boolean) : [];
  if (result.status !== 0) failureLists.push({ kind, lines });
  return result.status === 0;
}

function stopLeftover() {
  if (stopLeftoverServer()) console.log("[e2e] stopped the app server a finished run left running");
}

/** The databases one PostgreSQL run needs: the main server's, the crash test's, the two-server test's. */
async function postgresDatabases(adminUrl: string): Promise<Record<string, string>> {
  const names = { E2E_DATABASE_URL: "undersigned_e2e", E2E_CRASH_DATABASE_URL: "undersigned_e2e_crash", E2E_TWO_SERVERS_DATABASE_URL: "undersigned_e2e_two" };
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const env: Record<string, string> = {};
  try {
    for (const [variable, name] of Object.entries(names)) {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${name}"`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      env[variable] = url.toString();
    }
  } finally {
    await admin.end();
  }
  return env;
}

async function main() {
  const failed: string[] = [];
  for (const kind of kinds) {
    if (kind === "sqlite") {
      if (!playwright("SQLite", { E2E_ENGINE: "sqlite", E2E_DATABASE_URL: "file:./test/.tmp/e2e.db", E2E_CRASH_DATABASE_URL: "file:./test/.tmp/crash.db" })) failed.push(kind);
    } else if (kind === "postgres") {
      let cluster: PostgresCluster | null = null;
      try {
        const adminUrl = tools.TEST_POSTGRES_URL ?? (cluster = await startPostgresCluster()).url();
        const databases = await postgresDatabases(adminUrl);
        if (!playwright("PostgreSQL", { E2E_ENGINE: "postgres", E2E_POSTGRES_SUITE: tools.E2E_POSTGRES_SUITE, ...databases })) failed.push(kind);
      } finally {
        (cluster as PostgresCluster | null)?.stop();
      }
    } else {
      throw new Error(`E2E_DATABASES: unknown database "${kind}" (sqlite or postgres)`);
    }
  }
  if (failed.length) {
    for (const { kind, lines } of failureLists) {
      console.error(`\nFailed on ${kind}${lines.length ? ":" : " (no test failed: the run itself did not finish)"}`);
      for (const line of lines) console.error(`  ✘ ${line}`);
    }
    console.error(`\nEnd-to-end tests failed on: ${failed.join(", ")}`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
