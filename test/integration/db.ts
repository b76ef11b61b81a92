// A fresh database per test file: on SQLite a copy of the migrated template file, on PostgreSQL
// a database created from the migrated template database (test/setup/*.ts). Which one depends on
// the Vitest project (sqlite or postgres) the file runs in.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, inject } from "vitest";
import type { Actor, Role } from "@/lib/auth/actor";
import { createDb, type Db, type DbKind } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";

const testDb = inject("testDb");

/** The database this run of the integration suite uses. */
export const DB_KIND: DbKind = testDb.kind;

export function freshDbFile(): string {
  if (testDb.kind !== "sqlite") throw new Error("freshDbFile is for the SQLite run");
  const dir = path.resolve(__dirname, "../.tmp/dbs");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${randomUUID()}.db`);
  copyFileSync(testDb.template, file);
  return file;
}

/**
 * Runs one statement on the PostgreSQL server, synchronously: test files use their database
 * while Vitest collects them (in `describe` bodies), before any hook could run.
 */
function adminSync(sql: string) {
  if (testDb.kind !== "postgres") throw new Error("not the PostgreSQL run");
  const script = `const { Client } = require("pg");
(async () => { const c = new Client({ connectionString: process.argv[1] }); await c.connect(); try { await c.query(process.argv[2]); } finally { await c.end(); } })()
  .catch((e) => { console.error(e.message); process.exit(1); });`;
  execFileSync(process.execPath, ["-e", script, testDb.adminUrl, sql], { stdio: ["ignore", "ignore", "inherit"] });
}

/** A database for this test file, removed when the file's tests finish. */
export function testDatabase(): { db: Db; url: string; kind: DbKind; file: string } {
  if (testDb.kind === "sqlite") {
    const file = freshDbFile();
    const url = `file:${file}`;
    const db = createDb(url);
    afterAll(async () => {
      await db.$disconnect();
      for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    });
    return { db, file, url, kind: "sqlite" };
  }
  const name = `t_${randomUUID().replace(/-/g, "")}`;
  adminSync(`CREATE DATABASE "${name}" TEMPLATE "${testDb.template}"`);
  const parsed = new URL(testDb.adminUrl);
  parsed.pathname = `/${name}`;
  const url = parsed.toString();
  const db = createDb(url);
  afterAll(async () => {
    await db.$disconnect();
    adminSync(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
  return { db, file: "", url, kind: "postgres" };
}

let counter = 0;

export async function makeUser(db: Db, overrides: Partial<Actor> & { role?: Role } = {}): Promise<Actor> {
  counter++;
  const user = await db.user.create({
    data: {
      email: overrides.email ?? `person${counter}-${randomUUID().slice(0, 8)}@example.com`,
      name: overrides.name ?? `Person ${counter}`,
      role: overrides.role ?? "employee",
      department: overrides.department ?? "Engineering",
      location: overrides.location ?? "Berlin",
    },
  });
  return { ...user, role: overrides.role ?? "employee" };
}

export async function makeUsers(db: Db, n: number, overrides: Partial<Actor> = {}): Promise<Actor[]> {
  const users: Actor[] = [];
  for (let i = 0; i < n; i++) users.push(await makeUser(db, overrides));
  return users;
}

export const petitionInput = (overrides: Record<string, unknown> = {}) => ({
  title: "Give us a say in workplace monitoring",
  ask: "Consult employees before any monitoring program starts.",
  background: "Monitoring programs started without notice. We want a say before the next one starts.",
  addressedTo: "The executive team",
  goal: 100,
  ...overrides,
});

/** A valid program for createProgram, named after its slug. */
export const programInput = (slug: string, overrides: Record<string, unknown> = {}) => ({
  name: `Program ${slug}`,
  slug,
  owningTeam: "Analytics",
  purpose: "Measure how work gets done.",
  collects: "clicks",
  retention: "1 year",
  dataAccess: "Analytics",
  consentModel: "mandatory",
  status: "active",
  policyText: "We record clicks.",
  ...overrides,
});

/** "allowed", or the refusal as "status message": permission matrices compare these. */
export async function outcomeOf(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
    return "allowed";
  } catch (error) {
    if (error instanceof DomainError) return `${error.status} ${error.message}`;
    throw error;
  }
}

/** Creates a petition and takes it through co-sponsoring to open, as the app would. */
export async function openPetitionFor(db: Db, organizer: Actor, overrides: Record<string, unknown> = {}) {
  const { createPetition, submitForCoSponsors } = await import("@/lib/petitions/commands");
  const { signPetition } = await import("@/lib/signatures");
  const petition = await createPetition(db, organizer, petitionInput(overrides));
  await submitForCoSponsors(db, organizer, petition.id);
  const sponsors = await makeUsers(db, 2);
  for (const s of sponsors) await signPetition(db, s, petition.id, { visibility: "named", invite: petition.coSponsorToken });
  return db.petition.findUniqueOrThrow({ where: { id: petition.id } });
}
