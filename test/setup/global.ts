// SQLite: migrates one template database per test run; each integration test file copies it
// (test/integration/db.ts) instead of migrating again.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";

export const TEMPLATE_DIR = path.resolve(__dirname, "../.tmp");
export const TEMPLATE_DB = path.join(TEMPLATE_DIR, "template.db");

export default function setup(project: TestProject) {
  mkdirSync(TEMPLATE_DIR, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(TEMPLATE_DB + suffix, { force: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: `file:${TEMPLATE_DB}` },
  });
  // Fold the WAL into the file so a plain copy is complete.
  execFileSync(process.execPath, [
    "-e",
    `const D=require("better-sqlite3");const d=new D(${JSON.stringify(TEMPLATE_DB)});d.pragma("wal_checkpoint(TRUNCATE)");d.pragma("journal_mode=DELETE");d.close();`,
  ]);
  project.provide("testDb", { kind: "sqlite", template: TEMPLATE_DB });
}

declare module "vitest" {
  export interface ProvidedContext {
    testDb:
      | { kind: "sqlite"; template: string }
      | { kind: "postgres"; adminUrl: string; template: string };
  }
}
