// Promise 1, tested the way an insider would attack it: post comments as several people, then
// read every table, the raw database and WAL bytes (SQLite) or every table's and index's data
// file (PostgreSQL), and everything logged, and look for anything that joins a comment to the
// person who wrote it.
import { accessSync, constants, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { answerAsAuthor, askQuestion, flushAnswers } from "@/lib/comments/conversation";
import { collectTokens, makeAnswerKey, makeProgram, postPublished, recordCollections } from "./anon";
import { DB_KIND, makeUser, testDatabase } from "./db";

const { db, file } = testDatabase();

type Posted = { id: string; body: string; author: Actor };
const posted: Posted[] = [];
const people: Actor[] = [];
const keys = new Map<string, Awaited<ReturnType<typeof makeAnswerKey>>>();
const answered: { body: string; author: Actor; questionId: string }[] = [];
const logs: string[] = [];
const originals = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };

beforeAll(async () => {
  for (const level of Object.keys(originals) as (keyof typeof originals)[]) {
    console[level] = (...args: unknown[]) => {
      logs.push(args.map(String).join(" "));
    };
  }
  const program = await makeProgram(db, "dump-test-program");
  for (let i = 0; i < 5; i++) {
    people.push(await makeUser(db, { name: `Distinct Person${i} Surname`, email: `distinct.person${i}@example.com`, department: `Dept${i}`, location: `Place${i}` }));
  }
  // Everyone collects the whole allowance; only some post, and different amounts.
  const wallets = await Promise.all(people.map((p) => collectTokens(db, p, 10)));
  const plan = [3, 0, 1, 2, 0];
  for (const [i, person] of people.entries()) {
    for (let n = 0; n < plan[i]!; n++) {
      const body = `Marker-${crypto.randomUUID()} the access logs worry me`;
      const key = await makeAnswerKey();
      const c = await postPublished(db, { thread: { programSlug: program.slug }, body, token: wallets[i]![n], answerKey: key.answerKey });
      posted.push({ id: c.id, body, author: person });
      keys.set(c.id, key);
    }
  }
  // The conversation (decision 026): leadership asks about every comment, on the record, and each
  // writer answers every question with the comment's key, so one writer answers several times.
  const leader = await makeUser(db, { role: "leadership", name: "Asking Leader", email: "asking.leader@example.com" });
  const comments = [...posted];
  for (const c of comments) {
    for (const round of [1, 2]) {
      const q = await askQuestion(db, leader, c.id, { body: `Question ${round} about ${c.id}: who can read the logs?` });
      const body = `Answer-${crypto.randomUUID()} round ${round}`;
      await answerAsAuthor(db, await keys.get(c.id)!.answer(c.id, q.id, body));
      answered.push({ body, author: c.author, questionId: q.id });
    }
  }
  await flushAnswers(db);
  // The day's collections, written at midnight as the server does (decision 028).
  await recordCollections(db);
  for (const a of answered) {
    const row = await db.commentAnswer.findUniqueOrThrow({ where: { questionId: a.questionId } });
    posted.push({ id: row.id, body: a.body, author: a.author });
  }
});

afterAll(() => Object.assign(console, originals));

const identifiers = (p: Actor) => [p.id, p.email, p.name, p.department!, p.location!];

describe("nothing joins an anonymous comment to its author", () => {
  it("comment and spent-token rows carry no personal value", async () => {
    const comments = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "AnonComment"`);
    const spent = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "SpentToken"`);
    expect(comments).toHaveLength(6);
    expect(spent).toHaveLength(6);
    const values = JSON.stringify([comments, spent]);
    for (const p of people) for (const id of identifiers(p)) expect(values).not.toContain(id);
    for (const c of comments) {
      // No keyId either: the week of the token would narrow the crowd to that week's collectors.
      // The answer key is random and made for this comment alone: it links to no one.
      expect(Object.keys(c).sort()).toEqual(["answerKey", "body", "day", "hiddenDay", "hiddenReason", "id", "parentId", "petitionId", "programId"]);
      expect(String(c.day)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("answer rows hold the question, the text and the day only, and no two of a writer's answers share anything but the comment", async () => {
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "CommentAnswer"`);
    expect(rows).toHaveLength(answered.length);
    for (const r of rows) {
      expect(Object.keys(r).sort()).toEqual(["body", "day", "id", "questionId"]);
      expect(String(r.day)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const values = JSON.stringify(rows);
    for (const p of people) for (const id of identifiers(p)) expect(values).not.toContain(id);
    // Every comment has its own key: two comments by the same writer share no key.
    const commentKeys = (await db.anonComment.findMany({ select: { answerKey: true } })).map((c) => c.answerKey);
    expect(new Set(commentKeys).size).toBe(commentKeys.length);
  });

  it("no row in any table holds both a comment and a person", async () => {
    const tables = await db.$queryRawUnsafe<{ name: string }[]>(
      DB_KIND === "sqlite" ? `SELECT name FROM sqlite_master WHERE type = 'table'` : `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`,
    );
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["AnonComment", "SpentToken", "User", "TokenIssuance", "Signature"]));
    for (const { name } of tables) {
      // On PostgreSQL each row is read as JSON text: the driver cannot hand every column type over
      // (the search column is a tsvector), and text is what an attacker with a dump reads anyway.
      const rows =
        DB_KIND === "sqlite"
          ? await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${name}"`)
          : (await db.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(t)::text AS row FROM "${name}" t`)).map((r) => JSON.parse(r.row) as Record<string, unknown>);
      for (const row of rows) {
        const text = JSON.stringify(row, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
        const mentionsComment = posted.some((c) => text.includes(c.id) || text.includes(c.body));
        const mentionsPerson = people.some((p) => identifiers(p).some((id) => text.includes(id)));
        expect(mentionsComment && mentionsPerson, `table ${name}: ${text.slice(0, 200)}`).toBe(false);
      }
    }
  });

  it("token issuance says who collected tokens, not who posted", async () => {
    const rows = await db.tokenIssuance.findMany({ where: { userId: { in: people.map((p) => p.id) } } });
    expect(rows.map((r) => r.issued)).toEqual([10, 10, 10, 10, 10]);
  });

  it.runIf(DB_KIND === "sqlite")("the raw database and WAL pages that hold a comment hold no personal data", () => {
    const pages: Buffer[] = [];
    const main = readFileSync(file);
    const pageSize = main.readUInt16BE(16) === 1 ? 65536 : main.readUInt16BE(16);
    for (let o = 0; o < main.length; o += pageSize) pages.push(main.subarray(o, o + pageSize));
    let walFrames = 0;
    try {
      const wal = readFileSync(`${file}-wal`);
      for (let o = 32; o + 24 + pageSize <= wal.length; o += 24 + pageSize) {
        pages.push(wal.subarray(o + 24, o + 24 + pageSize));
        walFrames++;
      }
    } catch {
      // No WAL file: everything is in the main file.
    }
    expect(walFrames + pages.length).toBeGreaterThan(0);
    let found = 0;
    for (const c of posted) {
      for (const page of pages) {
        if (!page.includes(Buffer.from(c.body))) continue;
        found++;
        for (const p of people) for (const id of identifiers(p)) expect(page.includes(Buffer.from(id)), `page with "${c.body}" contains ${id}`).toBe(false);
      }
    }
    expect(found).toBeGreaterThanOrEqual(posted.length);
  });

  // The data files are readable when the server runs on this machine and this user may read
  // them (the throwaway clusters of the tests and CI); elsewhere this check is skipped.
  it.runIf(DB_KIND === "postgres")("every data page of every table and index that holds a comment holds no personal data", async (ctx) => {
    await db.$executeRawUnsafe("CHECKPOINT");
    const [row] = await db.$queryRawUnsafe<{ dir: string }[]>("SELECT current_setting('data_directory') AS dir");
    const dir = row!.dir;
    try {
      accessSync(path.join(dir, "base"), constants.R_OK);
    } catch {
      ctx.skip();
    }
    const relations = await db.$queryRawUnsafe<{ file: string }[]>(
      "SELECT pg_relation_filepath(c.oid) AS file FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('public', 'pg_toast') AND c.relkind IN ('r', 't', 'i') AND pg_relation_filepath(c.oid) IS NOT NULL",
    );
    expect(relations.length).toBeGreaterThan(20);
    const pageSize = 8192;
    let found = 0;
    for (const { file: relation } of relations) {
      const base = path.join(dir, relation);
      for (let segment = 0; ; segment++) {
        const f = segment === 0 ? base : `${base}.${segment}`;
        if (!existsSync(f)) break;
        const bytes = readFileSync(f);
        for (let o = 0; o < bytes.length; o += pageSize) {
          const page = bytes.subarray(o, o + pageSize);
          for (const c of posted) {
            if (!page.includes(Buffer.from(c.body))) continue;
            found++;
            for (const p of people) for (const id of identifiers(p)) expect(page.includes(Buffer.from(id)), `${relation}: page with "${c.body}" contains ${id}`).toBe(false);
          }
        }
      }
    }
    expect(found).toBeGreaterThanOrEqual(posted.length);
  });

  it("nothing logged mentions a comment or a person", () => {
    const all = logs.join("\n");
    for (const c of posted) expect(all).not.toContain(c.body);
    for (const p of people) for (const id of identifiers(p)) expect(all).not.toContain(id);
  });
});
