// Helpers for the crash and two-server tests, run with tsx in their own process (the app's modules
// are ESM-only with path aliases, which the Playwright runner does not load). URL is SQLite or
// PostgreSQL.
//   prepare URL SECRET N  → prints { petitionId, slug, users: [{ id, cookie }] }
//   check URL PETITION ID,ID,...  → prints { lost, drift, integrity, stored } (integrity: SQLite's
//     integrity_check; null on PostgreSQL, whose own crash safety these tests do not exercise)
import { encode } from "@auth/core/jwt";
import Database from "better-sqlite3";
import { createDb, databaseKind } from "@/lib/db/client";
import { createPetition, submitForCoSponsors } from "@/lib/petitions/commands";
import { writeSettings } from "@/lib/settings";
import { reconcileCounts } from "@/lib/signatures";
import { prepareDatabase } from "@/scripts/prepare-db";

async function prepare(url: string, secret: string, n: number) {
  await prepareDatabase(url, { seed: false });
  const db = createDb(url);
  await writeSettings(db, { coSponsorsNeeded: 0 });
  const organizer = await db.user.create({ data: { email: "crash.organizer@example.com", name: "Crash Organizer" } });
  const actor = { ...organizer, role: "employee" as const };
  const petition = await createPetition(db, actor, {
    title: "Durability under a crash",
    ask: "Keep every acknowledged signature.",
    background: "A petition used to check durability when the server dies.",
    addressedTo: "Everyone",
    goal: 1000,
  });
  await submitForCoSponsors(db, actor, petition.id);
  await db.user.createMany({ data: Array.from({ length: n }, (_, i) => ({ email: `crash.signer${i}@example.com`, name: `Signer ${i}` })) });
  const users = await db.user.findMany({ where: { email: { startsWith: "crash.signer" } }, select: { id: true } });
  await db.$disconnect();
  const minted = await Promise.all(
    users.map(async (u) => ({ id: u.id, cookie: `authjs.session-token=${await encode({ token: { uid: u.id, sub: u.id }, secret, salt: "authjs.session-token" })}` })),
  );
  return { petitionId: petition.id, slug: petition.slug, users: minted };
}

async function check(url: string, petitionId: string, acknowledged: string[]) {
  const db = createDb(url);
  try {
    const stored = new Set((await db.signature.findMany({ where: { petitionId }, select: { userId: true } })).map((s) => s.userId));
    const drift = await reconcileCounts(db);
    let integrity: unknown = null;
    if (databaseKind(url) === "sqlite") {
      const raw = new Database(url.replace(/^file:/, ""), { readonly: true });
      integrity = raw.pragma("integrity_check", { simple: true });
      raw.close();
    }
    return { lost: acknowledged.filter((id) => !stored.has(id)), drift, integrity, stored: stored.size };
  } finally {
    await db.$disconnect();
  }
}

const [command, ...args] = process.argv.slice(2);
const run = command === "prepare" ? prepare(args[0]!, args[1]!, Number(args[2])) : check(args[0]!, args[1]!, (args[2] ?? "").split(",").filter(Boolean));
run.then((out) => process.stdout.write(JSON.stringify(out))).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
