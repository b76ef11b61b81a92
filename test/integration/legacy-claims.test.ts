// Legacy claims expire and the database forgets them (decision 018): a claim older than the
// setting is rewritten as a plain issuance by the scheduler's round, which then scrubs the files.
// Attacked as someone with a copy would: read the SQLite file, WAL and shared memory as bytes (on
// PostgreSQL, the table's own heap file) for the claim's day.
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dbInfo } from "@/lib/db/client";
import { requestScrub, SCRUB_KEY, scrubIfRequested } from "@/lib/db/scrub";
import { scheduledRound } from "@/lib/scheduler/work";
import { expireLegacyClaims } from "@/lib/signatures/legacy";
import { DB_KIND, makeUser, openPetitionFor, testDatabase } from "./db";

const { db, file } = testDatabase();
const DAY = 86_400_000;
// A day that appears nowhere else in the database, so finding its bytes means finding the claim.
const OLD = "1999-03-07";

async function legacyClaim(petitionId: string, legacyDay: string) {
  const person = await makeUser(db);
  await db.signTokenIssuance.create({ data: { petitionId, userId: person.id, legacyDay } });
  await db.anonSignature.create({ data: { petitionId, day: legacyDay } });
  return person;
}

/** Every byte a copy of the database would hold. */
async function storedBytes(): Promise<Buffer> {
  if (DB_KIND === "sqlite") return Buffer.concat(["", "-wal", "-shm"].filter((s) => existsSync(file + s)).map((s) => readFileSync(file + s)));
  const info = dbInfo(db);
  if (info.kind !== "postgres") throw new Error("unreachable");
  await info.pool.query("CHECKPOINT");
  const [{ dir }] = (await info.pool.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir")).rows as [{ dir: string }];
  const [{ rel }] = (await info.pool.query<{ rel: string }>(`SELECT pg_relation_filepath('"SignTokenIssuance"') AS rel`)).rows as [{ rel: string }];
  return readFileSync(path.join(dir, rel));
}

describe("legacy anonymous-signature claims", () => {
  it("a migrated database asks for a scrub, and one scrub answers it", async () => {
    // The migration that made the claims asked (no migration can VACUUM).
    const asked = await db.setting.findMany({ where: { key: SCRUB_KEY } });
    expect(asked.map((r) => JSON.parse(r.value) as unknown)).toEqual([{ reason: "unlinkable signatures migration" }]);
    expect(await scrubIfRequested(db)).toBe(1);
    expect(await scrubIfRequested(db)).toBe(0);
  });

  it("expire after the set days into plain issuances, counts kept, younger claims untouched", async () => {
    const petition = await openPetitionFor(db, await makeUser(db));
    const now = new Date();
    const old = await legacyClaim(petition.id, OLD);
    const recentDay = new Date(now.getTime() - 10 * DAY).toISOString().slice(0, 10);
    const recent = await legacyClaim(petition.id, recentDay);
    const anonymousBefore = await db.anonSignature.count({ where: { petitionId: petition.id } });

    expect(await expireLegacyClaims(db, { days: 60, now })).toBe(1);
    const slot = (userId: string) => db.signTokenIssuance.findUnique({ where: { petitionId_userId: { petitionId: petition.id, userId } } });
    // Still holds the slot (so the person cannot sign twice), but nothing says they signed.
    expect(await slot(old.id)).toMatchObject({ legacyDay: null });
    expect(await slot(recent.id)).toMatchObject({ legacyDay: recentDay });
    expect(await db.anonSignature.count({ where: { petitionId: petition.id } })).toBe(anonymousBefore);
    expect(await db.setting.count({ where: { key: SCRUB_KEY } })).toBe(1);
    // Run again: nothing left to expire.
    expect(await expireLegacyClaims(db, { days: 60, now })).toBe(0);
  });

  it("the scheduler's round expires and scrubs, so no copy of the files holds the claim", async () => {
    const petition = await openPetitionFor(db, await makeUser(db));
    await scrubIfRequested(db);
    const person = await legacyClaim(petition.id, OLD);
    // The claim's day is in the files now: this is what the attack finds without the scrub.
    expect((await storedBytes()).includes(OLD)).toBe(true);
    const round = scheduledRound(db, { mailer: null, secret: "", appUrl: "http://127.0.0.1", digestHourUtc: -1, legacyClaimDays: 60 });
    expect(await round()).toBe(true);
    expect(await db.signTokenIssuance.findUnique({ where: { petitionId_userId: { petitionId: petition.id, userId: person.id } } })).toMatchObject({ legacyDay: null });
    expect(await db.setting.count({ where: { key: SCRUB_KEY } })).toBe(0);
    const bytes = await storedBytes();
    // What stays: the anonymous signature's own day (it counts), which the AnonSignature row keeps.
    await db.anonSignature.deleteMany({ where: { day: OLD } });
    await requestScrub(db, "test");
    await scrubIfRequested(db);
    expect((await storedBytes()).includes(OLD)).toBe(false);
    if (DB_KIND === "postgres") expect(bytes.includes(OLD)).toBe(false);
  });

});
