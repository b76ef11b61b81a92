// Signing anonymously writes nothing tied to the account but the signature itself (decision 017):
// no follow, no notification, no mail. Following is a choice of its own.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { follow } from "@/lib/follows";
import { Prisma } from "@/lib/generated/prisma/client";
import { sendPendingEmails, type Mailer } from "@/lib/mail";
import { setEmailMode } from "@/lib/notifications";
import { postOrganizerUpdate } from "@/lib/responses";
import { closePetition } from "@/lib/petitions/commands";
import { applyRetention } from "@/lib/retention";
import { writeSettings } from "@/lib/settings";
import { signPetition, withdrawSignature } from "@/lib/signatures";
import { flushSignatures, queueAnonymous } from "@/lib/signatures/anonymous";
import { signAnonymouslyNow, wire } from "./anon";
import { DB_KIND, makeUser, openPetitionFor, testDatabase } from "./db";

const { db } = testDatabase();

/** Every row of every table, as JSON text per row, for looking up which rows mention a value. */
export async function everyRow(db: Db): Promise<{ table: string; row: string }[]> {
  const rows: { table: string; row: string }[] = [];
  for (const model of Object.values(Prisma.ModelName)) {
    const delegate = (db as unknown as Record<string, { findMany(): Promise<unknown[]> }>)[model[0]!.toLowerCase() + model.slice(1)]!;
    for (const r of await delegate.findMany()) {
      rows.push({ table: model, row: JSON.stringify(r, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) });
    }
  }
  return rows;
}

/**
 * Rows that mention the account, other than the account itself, its named signature rows and its
 * signing-token collections: every browser collects a token for every open petition it is shown,
 * so a collection records a visit, not a signature (decision 018).
 */
export async function rowsTiedTo(db: Db, person: Actor) {
  return (await everyRow(db)).filter((r) => r.row.includes(person.id) && r.table !== "User" && r.table !== "Signature" && r.table !== "SignTokenIssuance");
}

function capturingMailer() {
  const sent: { to: string; subject: string }[] = [];
  const mailer: Mailer = { send: async (m) => void sent.push({ to: m.to, subject: m.subject }) };
  return { sent, mailer };
}

describe("signing anonymously writes nothing tied to the account", () => {
  it("creates no follow and no notification, and no mail reaches the signer because they signed", async () => {
    const organizer = await makeUser(db);
    const anon = await makeUser(db, { email: "anon.signer@example.com" });
    const named = await makeUser(db, { email: "named.signer@example.com" });
    const p = await openPetitionFor(db, organizer);
    for (const person of [anon, named]) await setEmailMode(db, person, { emailMode: "instant" });

    await signAnonymouslyNow(db, anon, p.id);
    await signPetition(db, named, p.id, { visibility: "named" });
    // Named signing still follows by default; anonymous signing never does.
    expect(await db.follow.count({ where: { userId: anon.id } })).toBe(0);
    expect(await db.follow.count({ where: { userId: named.id, targetId: p.id } })).toBe(1);

    await postOrganizerUpdate(db, organizer, p.id, { body: "An update to everyone who follows." });
    expect(await rowsTiedTo(db, anon)).toEqual([]);
    const { sent, mailer } = capturingMailer();
    await sendPendingEmails(db, mailer, { mode: "instant", appUrl: "http://localhost", secret: "s" });
    expect(sent.map((m) => m.to)).toEqual(["named.signer@example.com"]);
  });

  it("refuses an anonymous signature that asks to follow, with a reason, and writes nothing", async () => {
    const organizer = await makeUser(db);
    const anon = await makeUser(db);
    const p = await openPetitionFor(db, organizer);
    for (const follow of [true, "true", "on"]) {
      await expect(signPetition(db, anon, p.id, { visibility: "anonymous", follow })).rejects.toMatchObject({
        status: 400,
        message: expect.stringMatching(/follow is stored with your account/),
      });
    }
    expect(await db.signature.count({ where: { userId: anon.id } })).toBe(0);
    expect(await rowsTiedTo(db, anon)).toEqual([]);
    // The anonymous door takes no follow at all: it has no account to follow with.
    await signAnonymouslyNow(db, anon, p.id);
    expect(await rowsTiedTo(db, anon)).toEqual([]);
  });

  it("following separately is the person's own choice and the only row it adds", async () => {
    const organizer = await makeUser(db);
    const anon = await makeUser(db);
    const p = await openPetitionFor(db, organizer);
    await signAnonymouslyNow(db, anon, p.id);
    await follow(db, anon, { targetType: "petition", targetId: p.id });
    expect((await rowsTiedTo(db, anon)).map((r) => r.table)).toEqual(["Follow"]);
  });

  it("the migration removes the follows and notifications that anonymous signing made before", async () => {
    const organizer = await makeUser(db);
    const [anon, named, bystander] = [await makeUser(db), await makeUser(db), await makeUser(db)];
    const p = await openPetitionFor(db, organizer);
    await signPetition(db, named, p.id, { visibility: "named" });
    // What the old code wrote: an anonymous signature row with the account, a follow at the
    // signing moment, then notifications from it.
    const signature = await db.signature.create({ data: { petitionId: p.id, userId: anon.id, visibility: "anonymous" } });
    await db.follow.create({ data: { userId: anon.id, targetType: "petition", targetId: p.id, createdAt: signature.createdAt } });
    await follow(db, bystander, { targetType: "petition", targetId: p.id });
    await postOrganizerUpdate(db, organizer, p.id, { body: "An update to everyone who follows." });
    expect(await db.notification.count({ where: { userId: anon.id } })).toBe(1);

    const folder = DB_KIND === "sqlite" ? "prisma/migrations" : "prisma/postgres/migrations";
    const sql = readFileSync(path.join(folder, "20261201120000_unlink_anonymous_follows", "migration.sql"), "utf8");
    for (const statement of sql.replace(/^--.*$/gm, "").split(";").map((s) => s.trim()).filter(Boolean)) await db.$executeRawUnsafe(statement);

    expect(await rowsTiedTo(db, anon)).toEqual([]);
    for (const kept of [named, bystander]) {
      expect(await db.follow.count({ where: { userId: kept.id, targetId: p.id } })).toBe(1);
      expect(await db.notification.count({ where: { userId: kept.id } })).toBe(1);
    }
  });
});

describe("withdrawal and retention unlink everything signing created", () => {
  it("withdrawing removes the signature, the follow and the notifications it brought", async () => {
    const organizer = await makeUser(db);
    const [named, anon] = [await makeUser(db), await makeUser(db)];
    const p = await openPetitionFor(db, organizer);
    await signPetition(db, named, p.id, { visibility: "named" });
    const { token } = await signAnonymouslyNow(db, anon, p.id);
    await follow(db, anon, { targetType: "petition", targetId: p.id });
    // Something about another petition stays: withdrawal touches only this one.
    const other = await openPetitionFor(db, organizer);
    await follow(db, named, { targetType: "petition", targetId: other.id });
    await postOrganizerUpdate(db, organizer, p.id, { body: "An update to everyone who follows." });
    await postOrganizerUpdate(db, organizer, other.id, { body: "An update on the other petition." });
    expect(await db.notification.count({ where: { userId: named.id } })).toBe(2);

    await withdrawSignature(db, named, p.id);
    // The anonymous signer withdraws with the token; the follow is their own choice, and unfollowing too.
    await queueAnonymous(db, p.id, "withdraw", { token: wire(token) });
    await flushSignatures(db, undefined, { force: true });
    await db.follow.deleteMany({ where: { userId: anon.id, targetId: p.id } });
    await db.notification.deleteMany({ where: { userId: anon.id } });
    expect(await rowsTiedTo(db, anon)).toEqual([]);
    expect(await db.signature.count({ where: { userId: anon.id } })).toBe(0);
    // What stays: the record that the name was on the list (decision 017, section 3), and the
    // follow of the other petition with its notification.
    const tied = await rowsTiedTo(db, named);
    expect(tied.filter((r) => r.table === "NamedWithdrawal").map((r) => r.row.includes(p.id))).toEqual([true]);
    const left = tied.filter((r) => r.table !== "NamedWithdrawal");
    expect(left.length).toBe(2);
    expect(left.every((r) => r.row.includes(other.id) || r.table === "Notification")).toBe(true);
    expect(await db.follow.count({ where: { userId: named.id, targetId: p.id } })).toBe(0);
    expect(await db.notification.count({ where: { userId: named.id, event: { petitionId: p.id } } })).toBe(0);
  });

  it("retention leaves no row linking any former signer to the petition, and the count stays", async () => {
    await writeSettings(db, { retentionMonths: 6 });
    const organizer = await makeUser(db);
    const p = await openPetitionFor(db, organizer);
    const signers: Actor[] = [];
    for (let i = 0; i < 6; i++) {
      const person = await makeUser(db);
      signers.push(person);
      if (i % 2) await signAnonymouslyNow(db, person, p.id);
      else await signPetition(db, person, p.id, { visibility: "named" });
      if (i % 3 === 0) await follow(db, person, { targetType: "petition", targetId: p.id });
    }
    await postOrganizerUpdate(db, organizer, p.id, { body: "An update to everyone who follows." });
    const now = new Date();
    await closePetition(db, organizer, p.id, { now: new Date(now.getTime() - 200 * 86_400_000) });
    const before = (await db.petition.findUniqueOrThrow({ where: { id: p.id } })).signatureCount;

    const result = await applyRetention(db, { now });
    expect(result.signatures).toBe(8);
    for (const person of signers) {
      expect((await rowsTiedTo(db, person)).filter((r) => r.row.includes(p.id))).toEqual([]);
      expect(await db.signature.count({ where: { userId: person.id } })).toBe(0);
    }
    expect(await db.follow.count({ where: { targetId: p.id } })).toBe(0);
    expect(await db.notification.count({ where: { event: { petitionId: p.id } } })).toBe(0);
    expect((await db.petition.findUniqueOrThrow({ where: { id: p.id } })).signatureCount).toBe(before);
    // A petition retained before follows were part of it: its leftover follow goes at the next run.
    await db.follow.create({ data: { userId: signers[1]!.id, targetType: "petition", targetId: p.id } });
    expect(await applyRetention(db, { now })).toMatchObject({ petitions: 1, signatures: 0 });
    expect(await db.follow.count({ where: { targetId: p.id } })).toBe(0);
    expect(await applyRetention(db, { now })).toEqual({ petitions: 0, signatures: 0 });
  });
});
