// PostgreSQL: a server for the integration suite's second run. TEST_POSTGRES_URL names one to use
// (its user needs CREATEDB); otherwise a throwaway cluster starts (scripts/pg-cluster.ts) and is
// deleted afterwards. One template database is migrated; each test file gets a copy
// (CREATE DATABASE ... TEMPLATE, test/integration/db.ts).
import { execFileSync } from "node:child_process";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startPostgresCluster, type PostgresCluster } from "../../scripts/pg-cluster";

export default async function setup(project: TestProject) {
  let cluster: PostgresCluster | null = null;
  let adminUrl = process.env.TEST_POSTGRES_URL;
  if (!adminUrl) {
    cluster = await startPostgresCluster();
    adminUrl = cluster.url();
  }
  const template = `undersigned_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${template}"`);
  } finally {
    await admin.end();
  }
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${template}`;
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: templateUrl.toString() },
  });
  project.provide("testDb", { kind: "postgres", adminUrl, template });

  return async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    try {
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    } catch {
      // the cluster is going anyway
    } finally {
      await c.end().catch(() => {});
    }
    cluster?.stop();
  };
}
