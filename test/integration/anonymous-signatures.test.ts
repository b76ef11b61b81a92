// Anonymous signatures on blind tokens (decision 018), attacked as an outsider holding the
// database files would: several people collect their tokens and sign, interleaved (collect, sign
// at once, next person); the adversary copies the SQLite file, WAL and shared memory and replays
// the WAL commit by commit, or reads xmin of every row of every table on PostgreSQL, and tries to
// attribute each anonymous signature to a person. Plus the rules: cookies refused, replayed,
// tampered and other-petition tokens refused, one person one signature across named and anonymous.
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { shuffle } from "@/lib/anonymity/batch";
import { reconcileCounts, signPetition, TOKEN_MISSING, TOKEN_SIGNED_ANONYMOUSLY, withdrawSignature } from "@/lib/signatures";
import { flushSignatures, queueAnonymous, signatureBatch, signatureBatchHoldSeconds, SPENT_BY_NAME } from "@/lib/signatures/anonymous";
import type { Db } from "@/lib/db/client";
import { tokenTally } from "@/lib/signatures/tokens";
import { collectSignTokens, signAnonymouslyNow, wire } from "./anon";
import { DB_KIND, makeUser, makeUsers, openPetitionFor, testDatabase } from "./db";
import { walCommits } from "./wal";

const { db, file } = testDatabase();
const PEOPLE = 8;

type Signed = { author: Actor; petitionId: string; batch: number; nonce: string };
const signed: Signed[] = [];
let people: Actor[] = [];
let petitions: string[] = [];
let order: Actor[] = [];

beforeAll(async () => {
  const organizer = await makeUser(db);
  petitions = [(await openPetitionFor(db, organizer)).id, (await openPetitionFor(db, organizer)).id];
  people = await makeUsers(db, PEOPLE);
  // Round 1, the worst pattern: each person's first visit collects tokens for every open
  // petition, and they sign the first one anonymously right after.
  order = shuffle(people);
  const wallets = new Map<string, Awaited<ReturnType<typeof collectSignTokens>>>();
  for (const person of order) {
    const tokens = await collectSignTokens(db, person);
    wallets.set(person.id, tokens);
    const token = tokens.get(petitions[0]!)!;
    await queueAnonymous(db, petitions[0]!, "sign", { token: wire(token) });
    signed.push({ author: person, petitionId: petitions[0]!, batch: 1, nonce: token.nonce });
  }
  await flushSignatures(db, undefined, { force: true });
  // Round 2: everyone signs the second petition, in another order, with no collection between.
  for (const person of shuffle(people)) {
    const token = wallets.get(person.id)!.get(petitions[1]!)!;
    await queueAnonymous(db, petitions[1]!, "sign", { token: wire(token) });
    signed.push({ author: person, petitionId: petitions[1]!, batch: 2, nonce: token.nonce });
  }
  await flushSignatures(db, undefined, { force: true });
}, 120_000);

const chance = () => signed.length / PEOPLE;
const hashOf = (nonce: string) => createHash("sha256").update(Buffer.from(nonce, "base64")).digest("hex");

describe("counts", () => {
  it("counts every anonymous signature once, exactly, next to the tokens issued", async () => {
    for (const id of petitions) {
      const p = await db.petition.findUniqueOrThrow({ where: { id } });
      // Two named co-sponsors plus eight anonymous signers.
      expect(p.signatureCount).toBe(2 + PEOPLE);
      expect((await tokenTally(db, id)).tokensIssued).toBe(2 + PEOPLE);
    }
    expect(await reconcileCounts(db)).toEqual([]);
  });
});

describe.runIf(DB_KIND === "sqlite")("replaying the SQLite WAL commit by commit", () => {
  let dir = "";
  let commits: Buffer[][] = [];
  let copy = "";
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "sign-forensics-"));
    copy = path.join(dir, "copy.db");
    for (const suffix of ["", "-wal", "-shm"]) if (existsSync(file + suffix)) copyFileSync(file + suffix, copy + suffix);
    commits = walCommits(readFileSync(`${copy}-wal`));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const firstCommit = (test: (page: Buffer) => boolean) => commits.findIndex((pages) => pages.some(test));

  it("holds every collection and every signature, so the replay sees all of them", () => {
    for (const s of signed) expect(firstCommit((p) => p.includes(hashOf(s.nonce)))).toBeGreaterThanOrEqual(0);
    for (const p of people) expect(firstCommit((page) => page.includes(p.id) && page.includes(petitions[0]!))).toBeGreaterThanOrEqual(0);
  });

  it("a signature is not next to its signer's collection: the commit-order attack does no better than chance", () => {
    const collected = people.map((p) => ({ person: p, at: firstCommit((page) => page.includes(p.id) && page.includes(petitions[0]!)) }));
    let correct = 0;
    for (const s of signed) {
      const at = firstCommit((page) => page.includes(hashOf(s.nonce)));
      const guess = collected.filter((x) => x.at < at).sort((a, b) => b.at - a.at)[0]?.person;
      if (guess?.id === s.author.id) correct++;
    }
    expect(correct).toBeLessThanOrEqual(chance());
  });

  it("each batch is one commit, and it holds no account", () => {
    for (const batch of [1, 2]) {
      const at = new Set(signed.filter((s) => s.batch === batch).map((s) => firstCommit((page) => page.includes(hashOf(s.nonce)))));
      expect(at.size).toBe(1);
      const pages = commits[[...at][0]!]!;
      for (const p of people) expect(pages.some((page) => page.includes(p.id))).toBe(false);
    }
  });

  it("the order inside a batch (rowid) does not follow signing order", () => {
    const copied = new Database(copy, { readonly: true });
    const rows = copied.prepare(`SELECT nonceHash FROM "AnonSignature" WHERE petitionId = ? ORDER BY rowid`).all(petitions[0]) as { nonceHash: string }[];
    copied.close();
    const stored = rows.map((r) => signed.find((s) => hashOf(s.nonce) === r.nonceHash));
    expect(stored).toHaveLength(PEOPLE);
    // A random order matches about one in eight; six or more by chance about once in 1,700 runs.
    expect(stored.filter((s, k) => s!.author.id === order[k]!.id).length).toBeLessThan(6);
  });
});

describe.runIf(DB_KIND === "postgres")("reading xmin of every row of every table on PostgreSQL", () => {
  it("no row of any table shares a transaction with an anonymous signature but the batch's own", async () => {
    const tables = await db.$queryRawUnsafe<{ table_name: string }[]>(`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`);
    const xminsOf = async (table: string) => (await db.$queryRawUnsafe<{ xmin: string }[]>(`SELECT xmin::text AS xmin FROM "${table}"`)).map((r) => Number(r.xmin));
    const anon = new Set(await xminsOf("AnonSignature"));
    expect(anon.size).toBe(2);
    for (const { table_name } of tables) {
      if (table_name === "AnonSignature" || table_name === "Petition") continue;
      for (const x of await xminsOf(table_name)) expect(anon.has(x), `${table_name} row in a signature batch`).toBe(false);
    }
    const issuance = await db.$queryRawUnsafe<{ userId: string; xmin: string }[]>(`SELECT "userId", xmin::text AS xmin FROM "SignTokenIssuance" WHERE "petitionId" = $1`, petitions[0]);
    const ofPerson = issuance.filter((r) => people.some((p) => p.id === r.userId)).map((r) => ({ id: r.userId, xmin: Number(r.xmin) }));
    expect(ofPerson).toHaveLength(PEOPLE);
    const rows = await db.$queryRawUnsafe<{ nonceHash: string; xmin: string }[]>(`SELECT "nonceHash", xmin::text AS xmin FROM "AnonSignature"`);
    let correct = 0;
    for (const s of signed) {
      const xmin = Number(rows.find((r) => r.nonceHash === hashOf(s.nonce))!.xmin);
      const guess = ofPerson.filter((x) => x.xmin < xmin).sort((a, b) => b.xmin - a.xmin)[0];
      if (guess?.id === s.author.id) correct++;
    }
    expect(correct).toBeLessThanOrEqual(chance());
  });
});

describe("schema", () => {
  it("AnonSignature has no relation to User, a random UUID id and a day only", async () => {
    const schema = readFileSync("prisma/schema.prisma", "utf8");
    const block = (name: string) => schema.match(new RegExp(`model ${name} \\{([\\s\\S]*?)\\n\\}`))![1]!;
    const fields = block("AnonSignature").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("//") && !l.startsWith("@@"));
    expect(fields.map((f) => f.split(/\s+/)[0]).sort()).toEqual(["day", "id", "nonceHash", "petition", "petitionId"]);
    expect(block("AnonSignature")).not.toMatch(/\bUser\b|DateTime/);
    expect(block("AnonSignature")).toMatch(/id\s+String\s+@id @default\(uuid\(4\)\)/);
    const rows = await db.anonSignature.findMany();
    for (const r of rows) {
      expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(r.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(block("SignTokenIssuance")).not.toMatch(/DateTime/);
  });
});

describe("the rules", () => {
  it("refuses a replayed, tampered or other-petition token, and counts a re-send once", async () => {
    const organizer = await makeUser(db);
    const a = (await openPetitionFor(db, organizer)).id;
    const b = (await openPetitionFor(db, organizer)).id;
    const person = await makeUser(db);
    const { token } = await signAnonymouslyNow(db, person, a);
    expect(await queueAnonymous(db, a, "sign", { token: wire(token) })).toEqual({ status: "counted" });
    await flushSignatures(db, undefined, { force: true });
    expect((await db.petition.findUniqueOrThrow({ where: { id: a } })).signatureCount).toBe(3);
    await expect(queueAnonymous(db, b, "sign", { token: wire(token) })).rejects.toMatchObject({ status: 400, fields: { token: "invalid" } });
    const sig = Buffer.from(token.signature, "base64");
    sig[10] = sig[10]! ^ 1;
    await expect(queueAnonymous(db, a, "sign", { token: { nonce: token.nonce, signature: sig.toString("base64") } })).rejects.toMatchObject({ status: 400 });
    await expect(queueAnonymous(db, a, "sign", { token: "junk" })).rejects.toMatchObject({ status: 400 });
  });

  it("a second token for the same petition is never issued", async () => {
    const organizer = await makeUser(db);
    const a = (await openPetitionFor(db, organizer)).id;
    const person = await makeUser(db);
    expect((await collectSignTokens(db, person)).has(a)).toBe(true);
    expect((await collectSignTokens(db, person)).has(a)).toBe(false);
  });

  it("a named signature after an anonymous one with the same token is refused, and the reverse too", async () => {
    const organizer = await makeUser(db);
    const a = (await openPetitionFor(db, organizer)).id;
    const anya = await makeUser(db);
    const { token } = await signAnonymouslyNow(db, anya, a);
    await expect(signPetition(db, anya, a, { visibility: "named", token: wire(token) })).rejects.toMatchObject({ status: 409, text: TOKEN_SIGNED_ANONYMOUSLY });
    // Without the token (another device): refused too, since the token may have signed.
    await expect(signPetition(db, anya, a, { visibility: "named" })).rejects.toMatchObject({ status: 409, text: TOKEN_MISSING });

    const jonas = await makeUser(db);
    const tokens = await collectSignTokens(db, jonas);
    const jt = tokens.get(a)!;
    await signPetition(db, jonas, a, { visibility: "named", token: wire(jt) });
    await expect(queueAnonymous(db, a, "sign", { token: wire(jt) })).rejects.toMatchObject({ status: 409, text: SPENT_BY_NAME });
    // Withdrawing the named signature keeps the token spent: still no anonymous signature.
    await withdrawSignature(db, jonas, a);
    await expect(queueAnonymous(db, a, "sign", { token: wire(jt) })).rejects.toMatchObject({ status: 409, text: SPENT_BY_NAME });
    // ...but the same token signs by name again.
    expect((await signPetition(db, jonas, a, { visibility: "named", token: wire(jt) })).status).toBe("signed");
    expect(await reconcileCounts(db)).toEqual([]);
  });

  it("someone who signed by name without a token never gets one", async () => {
    const organizer = await makeUser(db);
    const a = (await openPetitionFor(db, organizer)).id;
    const maya = await makeUser(db);
    await signPetition(db, maya, a, { visibility: "named" });
    expect((await collectSignTokens(db, maya)).has(a)).toBe(false);
    await withdrawSignature(db, maya, a);
    expect((await collectSignTokens(db, maya)).has(a)).toBe(false);
    expect((await signPetition(db, maya, a, { visibility: "named" })).status).toBe("signed");
  });

  it("withdrawal proves possession of the token, in a batch", async () => {
    const organizer = await makeUser(db);
    const a = (await openPetitionFor(db, organizer)).id;
    const person = await makeUser(db);
    const { token } = await signAnonymouslyNow(db, person, a);
    expect((await queueAnonymous(db, a, "withdraw", { token: wire(token) })).status).toBe("queued");
    expect((await db.petition.findUniqueOrThrow({ where: { id: a } })).signatureCount).toBe(3);
    await flushSignatures(db, undefined, { force: true });
    expect((await db.petition.findUniqueOrThrow({ where: { id: a } })).signatureCount).toBe(2);
    expect(await queueAnonymous(db, a, "withdraw", { token: wire(token) })).toEqual({ status: "withdrawn" });
    expect(await reconcileCounts(db)).toEqual([]);
  });

  it("a batch of fewer than k waits for the hold time", async () => {
    const organizer = await makeUser(db);
    const a = (await openPetitionFor(db, organizer)).id;
    const person = await makeUser(db);
    const token = (await collectSignTokens(db, person)).get(a)!;
    await queueAnonymous(db, a, "sign", { token: wire(token) });
    expect(await flushSignatures(db)).toEqual({ written: 0, held: 1 });
    expect(signatureBatch(db).size()).toBe(1);
    await flushSignatures(db, undefined, { force: true });
  });
});

describe("re-sends", () => {
  it("a re-send that arrives while its batch is being written is answered 'counted' after the next batch, not held for ever", async () => {
    const organizer = await makeUser(db);
    const a = (await openPetitionFor(db, organizer)).id;
    const person = await makeUser(db);
    const token = wire((await collectSignTokens(db, person)).get(a)!);
    // The same database, with each batch's transaction held at a gate: the moment a browser's
    // re-send (its outbox sends again until it hears "counted") arrives mid-write.
    let open: () => void = () => undefined;
    const gate = new Promise<void>((r) => (open = r));
    const slow = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop === "$transaction") return async (...args: Parameters<Db["$transaction"]>) => (await gate, (target.$transaction as (...a: unknown[]) => unknown)(...args));
        return Reflect.get(target, prop, receiver);
      },
    }) as Db;
    const hold = signatureBatchHoldSeconds() * 1000;
    const t0 = new Date();
    const t1 = new Date(t0.getTime() + hold + 1000);
    expect((await queueAnonymous(slow, a, "sign", { token }, { now: t0 })).status).toBe("queued");
    // Fewer than k, so it goes once it has waited the hold time.
    const writing = flushSignatures(slow, t1);
    while (signatureBatch(slow).size() > 0) await new Promise((r) => setImmediate(r));
    expect((await queueAnonymous(slow, a, "sign", { token }, { now: t1 })).status).toBe("queued");
    open();
    expect(await writing).toEqual({ written: 1, held: 0 });
    // The re-send waited from its own arrival: the next batch after the hold takes it (and skips it, counted already).
    expect(await flushSignatures(slow, new Date(t1.getTime() + hold + 1000))).toEqual({ written: 0, held: 0 });
    expect(signatureBatch(slow).size()).toBe(0);
    expect(await queueAnonymous(slow, a, "sign", { token })).toEqual({ status: "counted" });
    expect((await db.petition.findUniqueOrThrow({ where: { id: a } })).signatureCount).toBe(3);
    expect(await reconcileCounts(db)).toEqual([]);
  });
});

describe("the migration of anonymous signatures made before tokens", () => {
  it("keeps them counted, unlinks them, blocks a second signature, and lets the holder attach a token later", async () => {
    const organizer = await makeUser(db);
    const p = (await openPetitionFor(db, organizer)).id;
    const [old, named] = [await makeUser(db), await makeUser(db)];
    // What the old code wrote: an anonymous signature row with the account.
    await db.signature.create({ data: { petitionId: p, userId: old.id, visibility: "anonymous" } });
    await db.petition.update({ where: { id: p }, data: { signatureCount: { increment: 1 } } });
    await signPetition(db, named, p, { visibility: "named" });
    const folder = DB_KIND === "sqlite" ? "prisma/migrations" : "prisma/postgres/migrations";
    const sql = readFileSync(path.join(folder, "20261201142645_unlinkable_signatures", "migration.sql"), "utf8");
    const data = sql.slice(sql.indexOf("-- Data"));
    // Re-running the data part on a database that has tokens already: only the new old-style row moves.
    await db.signTokenIssuance.deleteMany({ where: { petitionId: p } });
    for (const statement of data.replace(/^--.*$/gm, "").split(";").map((s) => s.trim()).filter(Boolean)) {
      if (/INSERT INTO "SignTokenIssuance"/.test(statement)) await db.$executeRawUnsafe(statement.replace(/FROM "Signature"/, `FROM "Signature" WHERE "petitionId" = '${p}'`).replace(/FROM "NamedWithdrawal"/, `FROM "NamedWithdrawal" WHERE "petitionId" = '${p}'`));
      else await db.$executeRawUnsafe(statement);
    }
    expect(await db.signature.count({ where: { userId: old.id } })).toBe(0);
    expect(await db.anonSignature.count({ where: { petitionId: p, nonceHash: null } })).toBe(1);
    expect((await db.petition.findUniqueOrThrow({ where: { id: p } })).signatureCount).toBe(4);
    expect(await reconcileCounts(db)).toEqual([]);
    // The claim blocks signing again by name; the named signer keeps their slot.
    await expect(signPetition(db, old, p, { visibility: "named" })).rejects.toMatchObject({ status: 409 });
    expect((await db.signTokenIssuance.findUniqueOrThrow({ where: { petitionId_userId: { petitionId: p, userId: old.id } } })).legacyDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The next visit collects the token against the claim and rewrites the row as a plain one.
    const token = (await collectSignTokens(db, old, new Date(), p)).get(p)!;
    expect((await db.signTokenIssuance.findUniqueOrThrow({ where: { petitionId_userId: { petitionId: p, userId: old.id } } })).legacyDay).toBeNull();
    expect((await collectSignTokens(db, named, new Date(), p)).has(p)).toBe(false);
    // The browser attaches it in a batch; then it can withdraw, and the count stays exact.
    expect((await queueAnonymous(db, p, "attach", { token: wire(token) })).status).toBe("queued");
    await flushSignatures(db, undefined, { force: true });
    expect(await db.anonSignature.count({ where: { petitionId: p, nonceHash: null } })).toBe(0);
    expect((await db.petition.findUniqueOrThrow({ where: { id: p } })).signatureCount).toBe(4);
    await queueAnonymous(db, p, "withdraw", { token: wire(token) });
    await flushSignatures(db, undefined, { force: true });
    expect((await db.petition.findUniqueOrThrow({ where: { id: p } })).signatureCount).toBe(3);
    expect(await reconcileCounts(db)).toEqual([]);
  });
});
