// Creates a fresh, migrated database at DATABASE_URL (deleting any old file and its WAL), and
// optionally seeds the demo story. Used by `npm run demo` and the end-to-end test server.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { createDb } from "@/lib/db/client";
import { seedDemo } from "@/lib/demo/seed";

export async function prepareDatabase(url: string, opts: { seed: boolean }) {
  const file = url.replace(/^file:/, "");
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: url },
  });
  if (!opts.seed) return null;
  const db = createDb(url);
  try {
    return await seedDemo(db);
  } finally {
    await db.$disconnect();
  }
}
