// A fresh SQLite database per test file: a copy of the migrated template.
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll } from "vitest";
import type { Actor, Role } from "@/lib/auth/actor";
import { createDb, type Db } from "@/lib/db/client";

export function freshDbFile(): string {
  const template = process.env.UNDERSIGNED_TEMPLATE_DB ?? path.resolve(__dirname, "../.tmp/template.db");
  const dir = path.resolve(__dirname, "../.tmp/dbs");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${randomUUID()}.db`);
  copyFileSync(template, file);
  return file;
}

/** A database for this test file, removed when the file's tests finish. */
export function testDatabase(): { db: Db; file: string; url: string } {
  const file = freshDbFile();
  const url = `file:${file}`;
  const db = createDb(url);
  afterAll(async () => {
    await db.$disconnect();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  });
  return { db, file, url };
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
