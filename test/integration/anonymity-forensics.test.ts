// Promise 1 against an adversary who reads order, not columns (../shared/ANONYMITY.md): several
// people collect their tokens and post, interleaved, the way the audit of issue 14 did it
// (collect, post at once, next person). The adversary copies the SQLite file, its WAL and shared
// memory and replays the WAL commit by commit, or reads `xmin` and `ctid` on PostgreSQL, and
// attributes each comment to a person. The test fails when any attack beats chance.
// Collections are written when their week is over (decision 028); the test writes them, as that
// moment does, after the posts.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { shuffle } from "@/lib/anonymity/batch";
import { isoWeek } from "@/lib/anonymity/week";
import { commentCrowd, flushComments, postAnonymousComment } from "@/lib/comments";
import type { Db } from "@/lib/db/client";
import { collectTokens, makeProgram, recordCollections } from "./anon";
import { commitOrderAttack, commits as modelCommits, measure, scenario, type AttackResult, type Commit } from "./commit-order-scenario";
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
  // The week is over: its collections are written, all at once.
  await recordCollections(db);
}, 120_000);

/** Attribution accuracy that guessing reaches: every person wrote the same number of comments. */
const chance = () => posted.length / PEOPLE;

describe("spent tokens", () => {
  // A spent token's key would say which week's tokens paid for a batch: after a week's start, that
  // its writer collected after the start (a key of the new week, when the browser spends last
  // week's first), and the week's record names those few (decision 028).
  it("keep their batch's week, not their key: no spent token names the key that signed it", async () => {
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "SpentToken"`);
    expect(rows).toHaveLength(posted.length);
    const keys = (await db.tokenKey.findMany({ select: { id: true } })).map((k) => k.id);
    expect(keys.length).toBeGreaterThan(0);
    const week = isoWeek(new Date());
    for (const r of rows) {
      expect(Object.keys(r).sort()).toEqual(["contentHash", "nonceHash", "week"]);
      expect(r.week).toBe(week);
      for (const key of keys) expect(JSON.stringify(r)).not.toContain(key);
    }
  });
});

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

  it("a comment is not next to its writer's collection: the commit-order attacks do no better than chance", () => {
    const week = Buffer.from(isoWeek(new Date()));
    const collected = people.map((p) => ({ person: p, at: firstCommit((page) => page.includes(p.id) && page.includes(week)) }));
    for (const c of collected) expect(c.at, "collection found in the WAL").toBeGreaterThanOrEqual(0);
    // The week's collections are one commit, after every comment: nothing to pair a comment with.
    expect(new Set(collected.map((c) => c.at)).size).toBe(1);
    for (const c of posted) expect(firstCommit((page) => page.includes(c.marker))).toBeLessThan(collected[0]!.at);
    let last = 0;
    let next = 0;
    for (const c of posted) {
      const at = firstCommit((page) => page.includes(c.marker));
      // Attribute to whoever collected last before the comment became durable (a guess among
      // the people of that commit), or first after it.
      const before = collected.filter((x) => x.at < at).sort((a, b) => b.at - a.at);
      const after = collected.filter((x) => x.at > at).sort((a, b) => a.at - b.at);
      const among = (xs: typeof collected) => xs.filter((x) => x.at === xs[0]?.at);
      if (among(before).some((x) => x.person.id === c.author.id)) last += 1 / among(before).length;
      if (among(after).some((x) => x.person.id === c.author.id)) next += 1 / among(after).length;
    }
    expect(last).toBeLessThanOrEqual(chance());
    expect(next).toBeLessThanOrEqual(chance() + 1e-9);
  });

  it("each batch is one commit, and it holds no collection and no key id", async () => {
    const keys = (await db.tokenKey.findMany({ select: { id: true } })).map((k) => Buffer.from(k.id));
    for (const batch of [1, 2]) {
      const at = new Set(posted.filter((c) => c.batch === batch).map((c) => firstCommit((page) => page.includes(c.marker))));
      expect(at.size).toBe(1);
      const pages = commits[[...at][0]!]!;
      for (const p of people) expect(pages.some((page) => page.includes(p.id))).toBe(false);
      for (const key of keys) expect(pages.some((page) => page.includes(key)), "a key id in a batch's pages").toBe(false);
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
  it("the xmin attacks do no better than chance: a batch is one transaction, the week's collections another", async () => {
    const issuance = await db.$queryRawUnsafe<{ userId: string; xmin: string }[]>(`SELECT "userId", xmin::text AS xmin FROM "TokenIssuance"`);
    const comments = await db.$queryRawUnsafe<{ body: string; xmin: string }[]>(`SELECT body, xmin::text AS xmin FROM "AnonComment"`);
    const spent = await db.$queryRawUnsafe<{ xmin: string }[]>(`SELECT xmin::text AS xmin FROM "SpentToken"`);
    const ofPerson = issuance.filter((r) => people.some((p) => p.id === r.userId)).map((r) => ({ id: r.userId, xmin: Number(r.xmin) }));
    expect(ofPerson).toHaveLength(PEOPLE);
    // The week's collections are one transaction, after every comment.
    expect(new Set(ofPerson.map((x) => x.xmin)).size).toBe(1);
    let last = 0;
    let next = 0;
    for (const c of posted) {
      const xmin = Number(comments.find((r) => r.body.startsWith(c.marker))!.xmin);
      expect(xmin).toBeLessThan(ofPerson[0]!.xmin);
      const before = ofPerson.filter((x) => x.xmin < xmin).sort((a, b) => b.xmin - a.xmin);
      const after = ofPerson.filter((x) => x.xmin > xmin).sort((a, b) => a.xmin - b.xmin);
      const among = (xs: typeof ofPerson) => xs.filter((x) => x.xmin === xs[0]?.xmin);
      if (among(before).some((x) => x.id === c.author.id)) last += 1 / among(before).length;
      if (among(after).some((x) => x.id === c.author.id)) next += 1 / among(after).length;
    }
    expect(last).toBeLessThanOrEqual(chance());
    expect(next).toBeLessThanOrEqual(chance() + 1e-9);
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

// The quiet hour of decisions 009 and 028: sixteen people collect at random times, about one per
// batch window, each writes right after collecting and once more later, and every post is flushed
// at once (a batch per post, the adversary's best case). Posts are timed by the browser's policy
// (lib/comments/send-delay.ts) or, for the control, sent at once. Someone who writes in a week in
// which they have not collected collects first, as the browser does (components/anonymous/
// wallet.ts); the runs against a database leave that out (a second collection in the same real
// week would exceed the allowance) and check the order of commits, which it does not change. The same events are played
// against a database, whose WAL (or `xmin`) the adversary replays, and through the model of
// commit-order-scenario.ts, which the replay must match commit for commit. The runs put the start
// of a week inside the collections (the adversary's best case), so the replay holds a commit of
// collections in the middle of the batches as well as the one at the end.
describe("a quiet hour: posts right after collecting, collections written when the week is over", () => {
  const QUIET = 16;
  const SEED = 1;
  const WORST = { people: QUIET, seed: SEED, weekStart: "inside", recollect: false } as const;
  const runs = { delayed: testDatabase(), control: testDatabase() };
  type Run = { db: Db; file: string; people: Actor[]; markers: Map<string, number>; k: number; events: ReturnType<typeof scenario> };
  const played: Partial<Record<keyof typeof runs, Run>> = {};

  beforeAll(async () => {
    for (const [name, { db: runDb, file: runFile }] of Object.entries(runs) as [keyof typeof runs, (typeof runs)["delayed"]][]) {
      const program = await makeProgram(runDb, `quiet-${name}`);
      const quiet = await makeUsers(runDb, QUIET);
      const events = scenario({ ...WORST, delay: name === "delayed" });
      const wallets = new Map<number, Awaited<ReturnType<typeof collectTokens>>>();
      const markers = new Map<string, number>();
      for (const e of events) {
        if (e.kind === "week") {
          // The week's end, as the server's timer meets it: the collections so far are written.
          await recordCollections(runDb);
          continue;
        }
        if (e.kind === "collect") {
          wallets.set(e.person, await collectTokens(runDb, quiet[e.person]!, 10));
          continue;
        }
        const marker = `Quiet-${crypto.randomUUID()}`;
        markers.set(marker, e.person);
        await postAnonymousComment(runDb, { thread: { programSlug: program.slug }, body: `${marker} is what I saw.`, token: wallets.get(e.person)!.pop() });
        await flushComments(runDb);
      }
      played[name] = { db: runDb, file: runFile, people: quiet, markers, k: (await commentCrowd(runDb)).k, events };
    }
  }, 300_000);

  /** Groups what the adversary found by commit: people whose collections share one, writers whose comments share one. */
  function sequenceOf(collections: { index: number; person: number }[], comments: { index: number; writer: number }[]): Commit[] {
    const at = new Map<number, Commit>();
    for (const { index, person } of collections) {
      const c = at.get(index) ?? { kind: "collect", people: [] };
      if (c.kind === "collect") c.people.push(person);
      at.set(index, c);
    }
    for (const { index, writer } of comments) {
      const c = at.get(index) ?? { kind: "batch", writers: [] };
      expect(c.kind, "no commit holds both collections and comments").toBe("batch");
      if (c.kind === "batch") c.writers.push(writer);
      at.set(index, c);
    }
    return [...at.entries()].sort(([a], [b]) => a - b).map(([, c]) => c);
  }

  /** The commits the adversary reads from the database: collections (named) and batches (by marker). */
  async function observed(run: Run): Promise<Commit[]> {
    if (DB_KIND === "sqlite") {
      const dir = mkdtempSync(path.join(os.tmpdir(), "forensics-quiet-"));
      try {
        const copy = path.join(dir, "copy.db");
        for (const suffix of ["", "-wal", "-shm"]) if (existsSync(run.file + suffix)) copyFileSync(run.file + suffix, copy + suffix);
        const wal = walCommits(readFileSync(`${copy}-wal`));
        const week = Buffer.from(isoWeek(new Date()));
        const first = (test: (page: Buffer) => boolean) => wal.findIndex((pages) => pages.some(test));
        const collections = run.people.map((p, person) => ({ index: first((page) => page.includes(p.id) && page.includes(week)), person }));
        const comments = [...run.markers].map(([marker, writer]) => ({ index: first((page) => page.includes(marker)), writer }));
        for (const x of [...collections, ...comments]) expect(x.index, "every collection and comment is in the WAL").toBeGreaterThanOrEqual(0);
        return sequenceOf(collections, comments);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const issuance = await run.db.$queryRawUnsafe<{ userId: string; xmin: string }[]>(`SELECT "userId", xmin::text AS xmin FROM "TokenIssuance"`);
    const rows = await run.db.$queryRawUnsafe<{ body: string; xmin: string }[]>(`SELECT body, xmin::text AS xmin FROM "AnonComment"`);
    const collections = run.people.map((p, person) => ({ index: Number(issuance.find((r) => r.userId === p.id)!.xmin), person }));
    const comments = [...run.markers].map(([marker, writer]) => ({ index: Number(rows.find((r) => r.body.startsWith(marker))!.xmin), writer }));
    return sequenceOf(collections, comments);
  }

  const sorted = (sequence: Commit[]) =>
    sequence.map((c) => (c.kind === "batch" ? { kind: c.kind, writers: [...c.writers].sort((a, b) => a - b) } : { kind: c.kind, people: [...c.people].sort((a, b) => a - b) }));
  const attacks: Partial<Record<`${keyof typeof runs} ${"last" | "next"}`, AttackResult>> = {};

  it.each(["control", "delayed"] as const)("the %s run: the database's commit order is the model's, commit for commit", async (name) => {
    const run = played[name]!;
    const replay = await observed(run);
    const model = modelCommits(run.events, run.k);
    expect(sorted(replay)).toEqual(sorted(model));
    // Two commits of collections: the one the week's start wrote, in the middle, and the last.
    expect(replay.filter((c) => c.kind === "collect")).toHaveLength(2);
    // What guessing scores depends on the crowd at each batch, which the adversary does not see.
    const scored = replay.map((c, i) => (c.kind === "batch" ? { ...c, holders: (model[i] as Extract<Commit, { kind: "batch" }>).holders } : c));
    for (const which of ["last", "next"] as const) {
      const r = (attacks[`${name} ${which}`] = commitOrderAttack(scored, QUIET, which));
      console.info(`[forensics] quiet hour, ${name}, seed ${SEED}, the week starting inside it: the ${which} collections named ${r.total.correct.toFixed(2)} of ${r.total.comments} comments (chance ${r.total.chance.toFixed(2)})`);
      // One run is one draw; the bound is on the mean over many, below.
      expect(r.total.comments).toBe(2 * QUIET);
    }
  });

  // The bound, on the model the replays above match: the mean over seeds 1 to 2,000 (fixed seeds,
  // so the same numbers on every run), for each attack. Under "no better than chance" the mean
  // excess (named minus chance) has expectation at most 0, and by the central limit theorem a mean
  // over 2,000 independent runs exceeds three standard errors with probability about 0.13%: the
  // margin is three standard errors, of the whole hour and of the part after its last collection.
  const within = (m: ReturnType<typeof measure>, part: "total" | "after") => m[part].correct - m[part].chance <= 3 * (part === "total" ? m.totalError : m.afterError);
  const line = (label: string, m: ReturnType<typeof measure>) =>
    `${label}: ${m.total.correct.toFixed(2)} of 32 named (chance ${m.total.chance.toFixed(2)}, standard error ${m.totalError.toFixed(3)}), after the last collection ${m.after.correct.toFixed(2)} (chance ${m.after.chance.toFixed(2)}, standard error ${m.afterError.toFixed(3)})`;

  it("over 2,000 seeded quiet hours at any time of the week, no attack does better than chance", () => {
    const k = played.delayed!.k;
    for (const delay of [true, false]) {
      for (const which of ["last", "next", "key"] as const) {
        const m = measure(2_000, { people: QUIET, delay }, k, "weekly", which);
        console.info(`[forensics] quiet hours, mean of 2,000 seeds, ${delay ? "with the send delay" : "sent at once"}, ${which === "key" ? "the week records read by the spent tokens" : `the ${which} collections`}, ${line("written weekly", m)}`);
        expect(within(m, "total"), `${delay} ${which} over the hour`).toBe(true);
        expect(within(m, "after"), `${delay} ${which} after the last collection`).toBe(true);
      }
    }
  });

  it("the same bound fails on the old behaviour, collections written when they happen", () => {
    const k = played.delayed!.k;
    const old = measure(2_000, { people: QUIET, delay: true }, k, "at-collection", "last");
    console.info(`[forensics] quiet hours, mean of 2,000 seeds, with the send delay, the last collection, ${line("written at once (before decision 028)", old)}`);
    expect(within(old, "after")).toBe(false);
    expect(within(old, "total")).toBe(false);
    const atOnce = measure(2_000, { people: QUIET, delay: false }, k, "at-collection", "last");
    console.info(`[forensics] quiet hours, mean of 2,000 seeds, sent at once, the last collection, ${line("written at once (before decision 028)", atOnce)}`);
    expect(atOnce.total.correct).toBeGreaterThan(3 * atOnce.total.chance);
  });

  // The worst case: the week begins inside the collections. The week's start writes the
  // collections before it, and the record written a week later names those after it: a set that
  // is small in a quiet hour and holds the last collectors, whose comments are the ones published
  // after the hour's last collection. That record says, for a comment of the new week, among whom
  // to look, unless everyone who writes in the new week is in it (the browser collects before it
  // writes in a week it has not collected in) and no spent token says which week's key paid for
  // it (spent tokens keep their batch's week). With both, every attack is at chance, over the
  // hour and after its last collection.
  it("with the week starting inside the hour, no attack beats chance, over the hour and after its last collection", () => {
    const k = played.delayed!.k;
    for (const delay of [true, false]) {
      for (const which of ["last", "next", "key"] as const) {
        const m = measure(2_000, { people: QUIET, delay, weekStart: "inside" }, k, "weekly", which);
        console.info(`[forensics] quiet hours, mean of 2,000 seeds, the week starting inside them, ${delay ? "with the send delay" : "sent at once"}, ${which === "key" ? "the week records read by the spent tokens" : `the ${which} collections`}, ${line("written weekly", m)}`);
        expect(within(m, "total"), `${delay} ${which} over the hour`).toBe(true);
        expect(within(m, "after"), `${delay} ${which} after the last collection`).toBe(true);
      }
    }
  });

  it("with the week starting inside the hour, the same bound fails on the behaviour before: spent tokens with their key, or writing without collecting", () => {
    const k = played.delayed!.k;
    for (const delay of [true, false]) {
      // Spent tokens that keep their key: a key of the new week is a writer with no tokens of the
      // old week, one of those the new week's record names and the old week's does not.
      const keyed = measure(2_000, { people: QUIET, delay, weekStart: "inside" }, k, "weekly-keyed", "key");
      console.info(`[forensics] quiet hours, mean of 2,000 seeds, the week starting inside them, ${delay ? "with the send delay" : "sent at once"}, the spent tokens' keys, ${line("spent tokens with their key (before)", keyed)}`);
      expect(within(keyed, "after"), `${delay} keyed`).toBe(false);
    }
    // A browser that writes in the new week with last week's tokens, without collecting: the
    // new week's record then names only those who collected after its start ("next").
    const once = measure(2_000, { people: QUIET, delay: true, weekStart: "inside", recollect: false }, k, "weekly", "next");
    console.info(`[forensics] quiet hours, mean of 2,000 seeds, the week starting inside them, with the send delay, the next collections, ${line("writing in the new week without collecting (before)", once)}`);
    expect(within(once, "after")).toBe(false);
  });
});
