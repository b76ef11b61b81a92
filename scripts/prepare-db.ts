// Creates a fresh, migrated database at DATABASE_URL, and optionally seeds the demo story. Used by
// `npm run demo` and the end-to-end test server. SQLite: deletes the old file and its WAL.
// PostgreSQL: empties the database (drops and recreates its `public` schema), so point it only at
// a database meant for the demo or the tests.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { childEnv } from "@/lib/config";
import { createDb, databaseKind } from "@/lib/db/client";
import { createPgPool } from "@/lib/db/pg-pool";
import { seedDemo } from "@/lib/demo/seed";

export async function emptyDatabase(url: string) {
  if (databaseKind(url) === "sqlite") {
    const file = url.replace(/^file:/, "");
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
    return;
  }
  const pool = createPgPool(url, { max: 1 });
  try {
    await pool.query('DROP SCHEMA IF EXISTS "public" CASCADE; CREATE SCHEMA "public"');
  } finally {
    await pool.end();
  }
}

export function migrate(url: string) {
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: childEnv({ DATABASE_URL: url }),
  });
}

export async function prepareDatabase(url: string, opts: { seed: boolean }) {
  await emptyDatabase(url);
  migrate(url);
  if (!opts.seed) return null;
  const db = createDb(url);
  try {
    return await seedDemo(db);
  } finally {
    await db.$disconnect();
  }
}
