// Helpers for the crash and two-server tests, run with tsx in their own process (the app's modules
// are ESM-only with path aliases, which the Playwright runner does not load). URL is SQLite or
// PostgreSQL.
//   prepare URL SECRET N [anon|tokens]  → prints { petitionId, slug, users: [{ id, cookie, token? }] };
//     with "anon" every other person (even index), with "tokens" everyone, holds the petition's
//     signing token (decision 018), collected through the server's issuance as a browser would
//   open URL TITLE  → prints { id, slug, state, signatureCount } of a petition opened now by new people
//   check URL PETITION ID,ID,... [NONCE,NONCE,...]  → prints { lost, drift, integrity, stored,
//     anonLost, anonStored } (integrity: SQLite's integrity_check; null on PostgreSQL, whose own
//     crash safety these tests do not exercise)
import { encode } from "@auth/core/jwt";
import Database from "better-sqlite3";
import { createDb, databaseKind } from "@/lib/db/client";
import { createPetition, submitForCoSponsors } from "@/lib/petitions/commands";
import { getSettings, writeSettings } from "@/lib/settings";
import { nonceHashOf } from "@/lib/anonymity/tokens";
import { visit } from "@/lib/demo/sign-tokens";
import { reconcileCounts, signPetition } from "@/lib/signatures";
import { prepareDatabase } from "@/scripts/prepare-db";

async function prepare(url: string, secret: string, n: number, tokensFor: string | undefined) {
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
  const users = await db.user.findMany({ where: { email: { startsWith: "crash.signer" } }, select: { id: true, email: true, name: true, role: true, department: true, location: true } });
  const tokens: ({ nonce: string; signature: string } | null)[] = [];
  for (const [i, u] of users.entries()) {
    const held = tokensFor === "tokens" || (tokensFor === "anon" && i % 2 === 0) ? await visit(db, { ...u, role: "employee" as const }, petition.id, new Date()) : null;
    tokens.push(held && { nonce: held.nonce, signature: held.signature });
  }
  await db.$disconnect();
  const minted = await Promise.all(
    users.map(async (u, i) => ({
      id: u.id,
      cookie: `authjs.session-token=${await encode({ token: { uid: u.id, sub: u.id }, secret, salt: "authjs.session-token" })}`,
      ...(tokens[i] ? { token: tokens[i] } : {}),
    })),
  );
  return { petitionId: petition.id, slug: petition.slug, users: minted };
}

async function check(url: string, petitionId: string, acknowledged: string[], nonces: string[]) {
  const db = createDb(url);
  try {
    const stored = new Set((await db.signature.findMany({ where: { petitionId }, select: { userId: true } })).map((s) => s.userId));
    const anon = new Set((await db.anonSignature.findMany({ where: { petitionId }, select: { nonceHash: true } })).map((a) => a.nonceHash));
    const drift = await reconcileCounts(db);
    let integrity: unknown = null;
    if (databaseKind(url) === "sqlite") {
      const raw = new Database(url.replace(/^file:/, ""), { readonly: true });
      integrity = raw.pragma("integrity_check", { simple: true });
      raw.close();
    }
    const anonLost = nonces.filter((n) => !anon.has(nonceHashOf(Buffer.from(n, "base64"))));
    return { lost: acknowledged.filter((id) => !stored.has(id)), drift, integrity, stored: stored.size, anonLost, anonStored: anon.size };
  } finally {
    await db.$disconnect();
  }
}

/** A petition opened just now by new people (its co-sponsors sign by name), so no persona has collected its token yet. */
async function openFresh(url: string, title: string) {
  const db = createDb(url);
  try {
    const stamp = `${Date.now()}${Math.random().toString(36).slice(2, 6)}`;
    const { coSponsorsNeeded } = await getSettings(db);
    const made = await Promise.all(
      Array.from({ length: coSponsorsNeeded + 1 }, (_, i) => db.user.create({ data: { email: `fresh.${stamp}.${i}@example.com`, name: `Fresh Colleague ${stamp} ${i}`, department: "Engineering", location: "Berlin" } })),
    );
    const [organizer, ...sponsors] = made.map((u) => ({ ...u, role: "employee" as const }));
    const petition = await createPetition(db, organizer!, {
      title,
      ask: "Let the browser test sign this petition anonymously.",
      background: "A petition opened for one browser test, so its signing token is still to be collected.",
      addressedTo: "The test suite",
      goal: 100,
    });
    await submitForCoSponsors(db, organizer!, petition.id);
    for (const s of sponsors) await signPetition(db, s, petition.id, { visibility: "named", invite: petition.coSponsorToken });
    const opened = await db.petition.findUniqueOrThrow({ where: { id: petition.id }, select: { id: true, slug: true, state: true, signatureCount: true } });
    if (opened.state !== "open") throw new Error(`the fresh petition is ${opened.state}, not open`);
    return opened;
  } finally {
    await db.$disconnect();
  }
}

const [command, ...args] = process.argv.slice(2);
const list = (arg: string | undefined) => (arg ?? "").split(",").filter(Boolean);
const run = command === "open" ? openFresh(args[0]!, args[1]!) : command === "prepare" ? prepare(args[0]!, args[1]!, Number(args[2]), args[3]) : check(args[0]!, args[1]!, list(args[2]), list(args[3]));
run.then((out) => process.stdout.write(JSON.stringify(out))).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
