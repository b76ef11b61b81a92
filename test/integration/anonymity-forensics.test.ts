// Promise 1 against an adversary who reads order, not columns (../shared/ANONYMITY.md): several
// people collect their tokens and post, interleaved, the way the audit of issue 14 did it
// (collect, post at once, next person). The adversary copies the SQLite file, its WAL and shared
// memory and replays the WAL commit by commit, or reads `xmin` and `ctid` on PostgreSQL, and
// attributes each comment to a person. The test fails when any attack beats chance.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { shuffle } from "@/lib/anonymity/batch";
import { isoWeek } from "@/lib/anonymity/week";
import { flushComments, postAnonymousComment } from "@/lib/comments";
import { collectTokens, makeProgram } from "./anon";
import { DB_KIND, makeUsers, testDatabase } from "./db";
import { walCommits } from "./wal";

const { db, file } = testDatabase();
const PEOPLE = 8;

type Posted = { marker: string; author: Actor; batch: number };
const posted: Posted[] = [];
let people: Actor[] = [];
/** The order people collected their tokens in, which is also the order of the first round of posts. */
let collectionOrder: Actor[] = [];

beforeAll(async () => {
  const program = await makeProgram(db, "forensics-program");
  people = await makeUsers(db, PEOPLE);
  const thread = { programSlug: program.slug };
  const post = async (author: Actor, token: unknown, batch: number) => {
    const marker = `Forensic-${crypto.randomUUID()}`;
    await postAnonymousComment(db, { thread, body: `${marker} is what I saw.`, token });
    posted.push({ marker, author, batch });
  };
  // Round 1, the audit's pattern: each person's first visit of the week collects the tokens, and
  // they post on that visit, right after.
  const wallets = new Map<string, Awaited<ReturnType<typeof collectTokens>>>();
  collectionOrder = shuffle(people);
  for (const person of collectionOrder) {
    const tokens = await collectTokens(db, person, 10);
    wallets.set(person.id, tokens);
    await post(person, tokens.pop(), 1);
  }
  await flushComments(db);
  // Round 2: everyone posts once more, in another order, with no collection in between.
  for (const person of shuffle(people)) await post(person, wallets.get(person.id)!.pop(), 2);
  await flushComments(db);
}, 120_000);

/** Attribution accuracy that guessing reaches: every person wrote the same number of comments. */
const chance = () => posted.length / PEOPLE;

describe.runIf(DB_KIND === "sqlite")("replaying the SQLite WAL commit by commit", () => {
  let dir = "";
  let commits: Buffer[][] = [];
  let copy = "";

  beforeAll(() => {
    // The adversary's copy: the database file, its WAL and its shared memory, as they are now.
    dir = mkdtempSync(path.join(os.tmpdir(), "forensics-"));
    copy = path.join(dir, "copy.db");
    for (const suffix of ["", "-wal", "-shm"]) if (existsSync(file + suffix)) copyFileSync(file + suffix, copy + suffix);
    commits = walCommits(readFileSync(`${copy}-wal`));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The index of the first commit with a page that satisfies `test`. */
  const firstCommit = (test: (page: Buffer) => boolean) => commits.findIndex((pages) => pages.some(test));

  it("holds every collection and every comment, so the replay sees all of them", () => {
    expect(commits.length).toBeGreaterThan(PEOPLE);
    for (const c of posted) expect(firstCommit((p) => p.includes(c.marker)), c.marker).toBeGreaterThanOrEqual(0);
  });

  it("a comment is not next to its writer's collection: the commit-order attack does no better than chance", () => {
    const week = Buffer.from(isoWeek(new Date()));
    const collected = people.map((p) => ({ person: p, at: firstCommit((page) => page.includes(p.id) && page.includes(week)) }));
    for (const c of collected) expect(c.at, "collection found in the WAL").toBeGreaterThanOrEqual(0);
    let correct = 0;
    for (const c of posted) {
      const at = firstCommit((page) => page.includes(c.marker));
      // Attribute to whoever collected last before the comment became durable.
      const guess = collected.filter((x) => x.at < at).sort((a, b) => b.at - a.at)[0]?.person;
      if (guess?.id === c.author.id) correct++;
    }
    expect(correct).toBeLessThanOrEqual(chance());
  });

  it("each batch is one commit, and it holds no collection", () => {
    for (const batch of [1, 2]) {
      const at = new Set(posted.filter((c) => c.batch === batch).map((c) => firstCommit((page) => page.includes(c.marker))));
      expect(at.size).toBe(1);
      const pages = commits[[...at][0]!]!;
      for (const p of people) expect(pages.some((page) => page.includes(p.id))).toBe(false);
    }
  });

  it("the order inside a batch (rowid, as stored) does not follow posting order", async () => {
    const copied = new Database(copy, { readonly: true });
    const rows = copied.prepare(`SELECT body FROM "AnonComment" ORDER BY rowid`).all() as { body: string }[];
    copied.close();
    const stored = rows.map((r) => posted.find((c) => r.body.startsWith(c.marker))).filter((c) => c?.batch === 1);
    expect(stored).toHaveLength(PEOPLE);
    // The k-th stored comment attributed to the k-th person to collect (and post). A random order
    // matches about one of eight; six or more happens by chance about once in 1,700 runs.
    const correct = stored.filter((c, k) => c!.author.id === collectionOrder[k]!.id).length;
    expect(correct).toBeLessThan(6);
  });
});

describe.runIf(DB_KIND === "postgres")("reading xmin and ctid on PostgreSQL", () => {
  it("the xmin attack does no better than chance: a batch is one transaction after the collections", async () => {
    const issuance = await db.$queryRawUnsafe<{ userId: string; xmin: string }[]>(`SELECT "userId", xmin::text AS xmin FROM "TokenIssuance"`);
    const comments = await db.$queryRawUnsafe<{ body: string; xmin: string }[]>(`SELECT body, xmin::text AS xmin FROM "AnonComment"`);
    const spent = await db.$queryRawUnsafe<{ xmin: string }[]>(`SELECT xmin::text AS xmin FROM "SpentToken"`);
    const ofPerson = issuance.filter((r) => people.some((p) => p.id === r.userId)).map((r) => ({ id: r.userId, xmin: Number(r.xmin) }));
    expect(ofPerson).toHaveLength(PEOPLE);
    let correct = 0;
    for (const c of posted) {
      const row = comments.find((r) => r.body.startsWith(c.marker))!;
      const xmin = Number(row.xmin);
      const guess = ofPerson.filter((x) => x.xmin < xmin).sort((a, b) => b.xmin - a.xmin)[0];
      if (guess?.id === c.author.id) correct++;
    }
    expect(correct).toBeLessThanOrEqual(chance());
    for (const batch of [1, 2]) {
      const xmins = new Set(posted.filter((c) => c.batch === batch).map((c) => comments.find((r) => r.body.startsWith(c.marker))!.xmin));
      expect(xmins.size).toBe(1);
    }
    // The spent tokens came in the same transactions as the comments, not with any collection.
    expect(new Set(spent.map((s) => s.xmin)).size).toBe(2);
  });

  it("the physical order (ctid) inside a batch does not follow posting order", async () => {
    const rows = await db.$queryRawUnsafe<{ body: string }[]>(`SELECT body FROM "AnonComment" ORDER BY ctid`);
    const stored = rows.map((r) => posted.find((c) => r.body.startsWith(c.marker))).filter((c) => c?.batch === 1);
    expect(stored).toHaveLength(PEOPLE);
    const correct = stored.filter((c, k) => c!.author.id === collectionOrder[k]!.id).length;
    expect(correct).toBeLessThan(6);
  });
});
