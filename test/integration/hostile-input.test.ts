// Random and hostile input thrown at every domain function that takes input: the answer is a
// result or a DomainError with a 4xx status, never anything else, and a refusal writes nothing.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { setRole, updateSettings } from "@/lib/admin";
import { issueTokens } from "@/lib/anonymity/tokens";
import { flagComment, listComments, postAnonymousComment } from "@/lib/comments";
import { DomainError } from "@/lib/errors";
import { follow } from "@/lib/follows";
import { hidePetition } from "@/lib/moderation";
import { setEmailMode, unsubscribe } from "@/lib/notifications";
import { createPetition, inviteCoOrganizer, updateDraft } from "@/lib/petitions/commands";
import { listPetitions } from "@/lib/petitions/queries";
import { findSimilarPetitions } from "@/lib/petitions/similar";
import { createProgram } from "@/lib/programs";
import { postResponse } from "@/lib/responses";
import { signPetition } from "@/lib/signatures";
import { listTimeline } from "@/lib/timeline/queries";
import { encodeCursor } from "@/lib/pagination/cursor";
import { makeProgram } from "./anon";
import { makeUser, openPetitionFor, testDatabase } from "./db";

const { db } = testDatabase();

const XSS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "\"><svg onload=alert(1)>", "{{constructor.constructor('alert(1)')()}}"];
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 50 }),
  fc.string({ unit: "binary", maxLength: 50 }),
  fc.constantFrom(...XSS),
  fc.constantFrom("", " ", "\u0000", "\u202E", "\uFEFF", "🧑‍💻".repeat(200), "a".repeat(100_000), "x".repeat(5000).replace(/x/g, "\u0301")),
  fc.constantFrom("2026-02-30", "10000-01-01", "-1", "NaN", "Infinity", "1e309", "__proto__", "constructor"),
);
const hostile = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  hostileString,
  fc.dictionary(fc.constantFrom("title", "ask", "background", "addressedTo", "goal", "closesOn", "visibility", "body", "thread", "token", "reason", "reasonCode", "reasonText", "role", "userId", "email", "emailMode", "target", "commitments", "name", "status", "blindedMessages", "keyId", "list", "q", "cursor", "kind", "targetType", "targetId", "anonymityK"), fc.oneof(hostileString, fc.anything({ maxDepth: 1 }))),
);

async function counts() {
  const [petitions, signatures, comments, responses, programs, flags, follows, audit] = await Promise.all([
    db.petition.count(),
    db.signature.count(),
    db.anonComment.count(),
    db.response.count(),
    db.program.count(),
    db.commentFlag.count(),
    db.follow.count(),
    db.auditEntry.count(),
  ]);
  return { petitions, signatures, comments, responses, programs, flags, follows, audit };
}

describe("hostile input", async () => {
  const employee = await makeUser(db);
  const leader = await makeUser(db, { role: "leadership" });
  const moderator = await makeUser(db, { role: "moderator" });
  const admin = await makeUser(db, { role: "admin" });
  const petition = await openPetitionFor(db, employee);
  const draft = await createPetition(db, employee, { title: "A draft to attack safely", ask: "Stay a draft through everything.", background: "This draft receives hostile edits in tests.", addressedTo: "Nobody", goal: 10 });
  const program = await makeProgram(db, "hostile-program");

  const targets: [string, (input: unknown) => Promise<unknown>][] = [
    ["createPetition", (i) => createPetition(db, employee, i)],
    ["updateDraft", (i) => updateDraft(db, employee, draft.id, i)],
    ["signPetition", (i) => signPetition(db, employee, petition.id, i)],
    ["postAnonymousComment", (i) => postAnonymousComment(db, i)],
    ["postResponse", (i) => postResponse(db, leader, i)],
    ["createProgram", (i) => createProgram(db, admin, i)],
    ["setRole", (i) => setRole(db, admin, i)],
    ["updateSettings", (i) => updateSettings(db, admin, i)],
    ["hidePetition", (i) => hidePetition(db, moderator, petition.id, i)],
    ["flagComment", (i) => flagComment(db, employee, "00000000-0000-4000-8000-000000000000", i)],
    ["inviteCoOrganizer", (i) => inviteCoOrganizer(db, employee, petition.id, i)],
    ["issueTokens", (i) => issueTokens(db, employee, i)],
    ["follow", (i) => follow(db, employee, i)],
    ["setEmailMode", (i) => setEmailMode(db, employee, i)],
    ["unsubscribe", (i) => unsubscribe(db, typeof i === "string" ? `${Buffer.from(employee.id).toString("base64url")}.${i}` : i, "secret")],
    ["listPetitions", (i) => listPetitions(db, i)],
    ["listTimeline", (i) => listTimeline(db, i)],
    ["listComments", (i) => listComments(db, { programSlug: program.slug }, typeof i === "object" && i !== null ? (i as { cursor?: string }) : {})],
  ];

  // Found by the property below on PostgreSQL (2026-12-02): "\u0000" in a search reached the
  // database, which refuses NUL ("invalid byte sequence for encoding UTF8") with a 500. Every
  // text that reaches a query is now checked first; these are the cases, every time, on both.
  const UNSTORABLE = ["\u0000", "a\u0000b", "\ud800", "x\udc00"];
  const reachesTheDatabase: [string, (bad: string) => Promise<unknown>][] = [
    ["listPetitions q", (bad) => listPetitions(db, { q: bad })],
    ["listPetitions cursor id", (bad) => listPetitions(db, { cursor: encodeCursor(new Date().toISOString(), bad) })],
    ["listPetitions signed cursor value", (bad) => listPetitions(db, { sort: "signed", cursor: encodeCursor(bad, "abc") })],
    ["listTimeline petition", (bad) => listTimeline(db, { petition: bad })],
    ["listTimeline program", (bad) => listTimeline(db, { program: bad })],
    ["listTimeline cursor", (bad) => listTimeline(db, { cursor: encodeCursor(new Date().toISOString(), bad) })],
    ["listComments thread", (bad) => listComments(db, { programSlug: bad }, {})],
    ["listComments cursor", (bad) => listComments(db, { programSlug: program.slug }, { cursor: encodeCursor(new Date().toISOString(), bad) })],
    ["follow targetId", (bad) => follow(db, employee, { targetType: "petition", targetId: bad })],
    ["setRole userId", (bad) => setRole(db, admin, { userId: bad, role: "moderator" })],
    ["findSimilarPetitions title", (bad) => findSimilarPetitions(db, employee, { title: `Keystrokes ${bad}`, ask: "Stop recording" })],
    ["hidePetition reason", (bad) => hidePetition(db, moderator, petition.id, { reasonCode: "spam", reasonText: `Off topic ${bad} here` })],
  ];
  it.each(reachesTheDatabase)("%s with NUL or half a surrogate pair is a 4xx, never the database's error", async (_name, run) => {
    for (const bad of UNSTORABLE) {
      const before = await counts();
      const error = await run(bad).then(() => null, (e: unknown) => e);
      if (error === null) continue; // an answer (say, an empty list) is fine too
      expect(error, `${JSON.stringify(bad)}: ${String(error)}`).toBeInstanceOf(DomainError);
      expect((error as DomainError).status).toBe(400);
      expect(await counts()).toEqual(before);
    }
  });

  it.each(targets)("%s answers a result or a 4xx, and a refusal writes nothing", async (_name, run) => {
    await fc.assert(
      fc.asyncProperty(hostile, async (input) => {
        const before = await counts();
        try {
          await run(input);
        } catch (error) {
          if (!(error instanceof DomainError)) throw new Error(`not a DomainError for ${JSON.stringify(input)?.slice(0, 200)}: ${String(error)}`);
          expect(error.status).toBeGreaterThanOrEqual(400);
          expect(error.status).toBeLessThan(500);
          expect(error.message.length).toBeGreaterThan(0);
          expect(await counts()).toEqual(before);
        }
      }),
      { numRuns: 60 },
    );
  });
});
