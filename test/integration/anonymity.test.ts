import { describe, expect, it } from "vitest";
import { flushIssuances, forgetPendingIssuances } from "@/lib/anonymity/issuance";
import { getAllowance, issueTokens } from "@/lib/anonymity/tokens";
import { blindNonces } from "@/lib/anonymity/client";
import { publishedKeys } from "@/lib/anonymity/keys";
import { commentBatch, commentBatchSeconds, flagComment, flushComments, listComments, listFlaggedComments, postAnonymousComment } from "@/lib/comments";
import { createDb } from "@/lib/db/client";
import { hideComment } from "@/lib/moderation";
import { writeSettings } from "@/lib/settings";
import { collectTokens, gatherCrowd, makeProgram, postPublished, recordCollections } from "./anon";
import { DB_KIND, makeUser, makeUsers, openPetitionFor, testDatabase } from "./db";

const { db, url } = testDatabase();
const DAY = 86_400_000;

describe("weekly blind tokens", () => {
  it("issues the weekly allowance once and refuses the next token with a clear message", async () => {
    const jonas = await makeUser(db);
    const tokens = await collectTokens(db, jonas, 10);
    expect(tokens).toHaveLength(10);
    expect(await getAllowance(db, jonas)).toMatchObject({ allowance: 10, issued: 10, remaining: 0 });
    const [key] = await publishedKeys(db);
    const more = await blindNonces(key!, 1);
    await expect(issueTokens(db, jonas, { keyId: key!.id, blindedMessages: more.blindedMessages })).rejects.toMatchObject({
      code: "rate_limited",
      status: 429,
      message: expect.stringMatching(/collected all 10 anonymous tokens for this week; new ones arrive on \d{1,2} [A-Z][a-z]+ \d{4}/),
    });
    // Nothing is written when tokens are collected (decision 028), nor before the week is over.
    expect(await db.tokenIssuance.findMany({ where: { userId: jonas.id } })).toEqual([]);
    expect(await flushIssuances(db)).toEqual({ written: 0 });
    expect(await db.tokenIssuance.findMany({ where: { userId: jonas.id } })).toEqual([]);
    await recordCollections(db);
    const row = await db.tokenIssuance.findMany({ where: { userId: jonas.id } });
    // Only the count is stored: no time, no blinded message.
    expect(Object.keys(row[0]!).sort()).toEqual(["issued", "purpose", "userId", "week"]);
    expect(row[0]!.issued).toBe(10);
    // Once written, the stored count alone refuses the next token.
    await expect(issueTokens(db, jonas, { keyId: key!.id, blindedMessages: more.blindedMessages })).rejects.toMatchObject({ status: 429 });
  });

  it("never issues more than the allowance from one process, however the collections and the week's write interleave", async () => {
    const lena = await makeUser(db);
    const [key] = await publishedKeys(db);
    const asks = await Promise.all(Array.from({ length: 6 }, () => blindNonces(key!, 3)));
    // Six requests of three at once, with the week's write in the middle of them.
    const results = await Promise.allSettled([
      ...asks.slice(0, 3).map((b) => issueTokens(db, lena, { keyId: key!.id, blindedMessages: b.blindedMessages })),
      recordCollections(db),
      ...asks.slice(3).map((b) => issueTokens(db, lena, { keyId: key!.id, blindedMessages: b.blindedMessages })),
    ]);
    const signed = results.flatMap((r) => (r.status === "fulfilled" && "blindSignatures" in r.value ? r.value.blindSignatures : []));
    expect(signed).toHaveLength(10);
    const refused = results.filter((r) => r.status === "rejected");
    expect(refused).toHaveLength(2);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ status: 429 });
    await recordCollections(db);
    expect(await db.tokenIssuance.findMany({ where: { userId: lena.id }, select: { issued: true } })).toEqual([{ issued: 10 }]);
    expect(await getAllowance(db, lena)).toMatchObject({ issued: 10, remaining: 0 });
  });

  it("a restart before the week is over forgets the pending count: the allowance can be collected once more, and no more once written", async () => {
    const omar = await makeUser(db);
    await collectTokens(db, omar, 10);
    forgetPendingIssuances(db);
    // What decision 028 accepts: after a crash or restart, the tokens handed out are not counted.
    expect(await getAllowance(db, omar)).toMatchObject({ issued: 0, remaining: 10 });
    await collectTokens(db, omar, 10);
    await recordCollections(db);
    // The forgotten count is never written; the second one is, and refuses anything more this week.
    expect(await db.tokenIssuance.findMany({ where: { userId: omar.id }, select: { issued: true } })).toEqual([{ issued: 10 }]);
    forgetPendingIssuances(db);
    await collectTokens(db, omar, 4).then(
      () => expect.unreachable("a written allowance refuses"),
      (error: unknown) => expect(error).toMatchObject({ status: 429 }),
    );
  });

  it("a later write adds to the stored count (another server's, or this one's before a restart), never replaces it", async () => {
    const kai = await makeUser(db);
    await collectTokens(db, kai, 6);
    await recordCollections(db);
    await collectTokens(db, kai, 4);
    expect(await getAllowance(db, kai)).toMatchObject({ issued: 10, remaining: 0 });
    await recordCollections(db);
    expect(await db.tokenIssuance.findMany({ where: { userId: kai.id }, select: { issued: true } })).toEqual([{ issued: 10 }]);
  });

  it("signs only what remains when more is asked for", async () => {
    const maya = await makeUser(db);
    await collectTokens(db, maya, 7);
    const [key] = await publishedKeys(db);
    const blinded = await blindNonces(key!, 10);
    const issued = await issueTokens(db, maya, { keyId: key!.id, blindedMessages: blinded.blindedMessages });
    expect(issued.blindSignatures).toHaveLength(3);
    expect(issued.remaining).toBe(0);
  });

  it("refuses signed-out people and malformed blinded messages", async () => {
    const [key] = await publishedKeys(db);
    const keyId = key!.id;
    await expect(issueTokens(db, null, { keyId, blindedMessages: ["AAAA"] })).rejects.toMatchObject({ status: 401 });
    const sam = await makeUser(db);
    await expect(issueTokens(db, sam, { keyId, blindedMessages: ["AAAA"] })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/256 bytes/) });
    await expect(issueTokens(db, sam, { keyId, blindedMessages: [Buffer.alloc(256, 0xff).toString("base64")] })).rejects.toMatchObject({ status: 400 });
    await expect(issueTokens(db, sam, { keyId, blindedMessages: [] })).rejects.toMatchObject({ status: 400 });
    // Blinded for last week's (or any other) key: refused before anything is counted.
    const blinded = await blindNonces(key!, 1);
    await expect(issueTokens(db, sam, { keyId: "0123456789abcdef", blindedMessages: blinded.blindedMessages })).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/key has changed/) });
    // Refusals do not use up the allowance.
    expect((await getAllowance(db, sam)).issued).toBe(0);
  });
});

describe("spending tokens on comments", async () => {
  const program = await makeProgram(db, "flow-insights-spend");
  const thread = { programSlug: program.slug };
  const author = await makeUser(db);
  const tokens = await collectTokens(db, author, 10);
  // Four others collect this week too: with the author, a crowd of k = 5, so batches publish.
  await gatherCrowd(db, await makeUsers(db, 4));

  it("queues a comment (nothing written), publishes it with the batch, keeping only the day", async () => {
    const before = { comments: await db.anonComment.count(), spent: await db.spentToken.count() };
    const queued = await postAnonymousComment(db, { thread, body: "  Who can read **our** keystrokes?  ", token: tokens[0] });
    expect(queued).toMatchObject({ status: "queued", crowd: { people: expect.any(Number), k: 5 } });
    expect(queued.status === "queued" && queued.crowd.people).toBeGreaterThanOrEqual(5);
    if (queued.status !== "queued") throw new Error("not queued");
    const every = commentBatchSeconds() * 1000;
    expect(new Date(queued.publishAt).getTime() % every).toBe(0);
    expect(new Date(queued.publishAt).getTime() - Date.now()).toBeLessThanOrEqual(every);
    // Until the batch, the database holds nothing of it: no comment, no spent token.
    expect({ comments: await db.anonComment.count(), spent: await db.spentToken.count() }).toEqual(before);
    // Re-sent while it waits (a browser that did not hear the answer): the same answer, once.
    await expect(postAnonymousComment(db, { thread, body: "  Who can read **our** keystrokes?  ", token: tokens[0] })).resolves.toMatchObject({ status: "queued" });
    // The same token with another text while it waits: refused.
    await expect(postAnonymousComment(db, { thread, body: "Something else", token: tokens[0] })).rejects.toMatchObject({ status: 409, fields: { token: "spent" } });
    expect(await flushComments(db)).toEqual({ written: 1, held: 0 });
    const [posted] = await db.anonComment.findMany({ where: { programId: program.id } });
    expect(await db.spentToken.count()).toBe(before.spent + 1);
    expect(posted!.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(posted!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const page = await listComments(db, thread);
    expect(page.items[0]).toMatchObject({ id: posted!.id, hidden: null });
    expect(page.items[0]!.bodyHtml).toContain("<strong>our</strong>");
    // Re-sent after it was published (the server restarted, or the answer was lost): "published",
    // and nothing is stored twice.
    await expect(postAnonymousComment(db, { thread, body: "Who can read **our** keystrokes?", token: tokens[0] })).resolves.toEqual({ status: "published" });
    expect(await flushComments(db)).toEqual({ written: 0, held: 0 });
    expect(await db.anonComment.count({ where: { programId: program.id } })).toBe(1);
  });

  it("loses nothing when the server forgets its queue: the re-send is published once", async () => {
    const body = "Sent just before a crash.";
    await postAnonymousComment(db, { thread, body, token: tokens[7] });
    // A restart: this process's queue is gone (another process, another queue).
    const restarted = createDb(url);
    try {
      await expect(postAnonymousComment(restarted, { thread, body, token: tokens[7] })).resolves.toMatchObject({ status: "queued" });
      // Both queues flush (two servers on PostgreSQL, at the same instant; or the old process came
      // back): the spent-token index settles it. SQLite has one server, so there they take turns.
      const [a, b] = DB_KIND === "postgres" ? await Promise.all([flushComments(db), flushComments(restarted)]) : [await flushComments(db), await flushComments(restarted)];
      expect(a.written + b.written).toBe(1);
      expect(await db.anonComment.count({ where: { body } })).toBe(1);
      await expect(postAnonymousComment(restarted, { thread, body, token: tokens[7] })).resolves.toEqual({ status: "published" });
    } finally {
      await restarted.$disconnect();
    }
  });

  it("holds a batch while fewer than k people hold tokens, and publishes it once enough do", async () => {
    await writeSettings(db, { anonymityK: 50 });
    try {
      const queued = await postAnonymousComment(db, { thread, body: "Held until the crowd is large enough.", token: tokens[8] });
      expect(queued).toMatchObject({ status: "queued", crowd: { k: 50 } });
      expect(await flushComments(db)).toEqual({ written: 0, held: 1 });
      expect(await db.anonComment.count({ where: { body: "Held until the crowd is large enough." } })).toBe(0);
    } finally {
      await writeSettings(db, { anonymityK: 5 });
    }
    expect(await flushComments(db)).toEqual({ written: 1, held: 0 });
  });

  it("refuses a replayed token", async () => {
    await expect(postAnonymousComment(db, { thread, body: "again", token: tokens[0] })).rejects.toMatchObject({
      code: "conflict",
      message: "This token was already used. Each token pays for one comment.",
    });
  });

  it("refuses tampered tokens", async () => {
    const t = tokens[1]!;
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, "base64");
      bytes[5] = bytes[5]! ^ 0x01;
      return bytes.toString("base64");
    };
    await expect(postAnonymousComment(db, { thread, body: "x", token: { ...t, signature: flip(t.signature) } })).rejects.toMatchObject({ status: 400, message: "This token is not valid." });
    await expect(postAnonymousComment(db, { thread, body: "x", token: { ...t, nonce: flip(t.nonce) } })).rejects.toMatchObject({ status: 400, message: "This token is not valid." });
    await expect(postAnonymousComment(db, { thread, body: "x", token: { ...t, keyId: "0000000000000000" } })).rejects.toMatchObject({ status: 400 });
    await expect(postAnonymousComment(db, { thread, body: "x", token: "not a token" })).rejects.toMatchObject({ status: 400 });
    // The untampered token still works: a refused attempt does not spend it.
    await expect(postPublished(db, { thread, body: "Still valid", token: t })).resolves.toBeDefined();
  });

  it("refuses a token from a week before last; last week's still works", async () => {
    const someone = await makeUser(db);
    const now = new Date();
    const lastWeek = await collectTokens(db, someone, 1, new Date(now.getTime() - 7 * DAY));
    const older = await collectTokens(db, someone, 1, new Date(now.getTime() - 14 * DAY));
    await expect(postPublished(db, { thread, body: "From last week", token: lastWeek[0] })).resolves.toBeDefined();
    await expect(postAnonymousComment(db, { thread, body: "Too old", token: older[0] })).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/expired or unknown weekly key/),
    });
  });

  it("checks the text and the thread before spending the token", async () => {
    await expect(postAnonymousComment(db, { thread, body: "   ", token: tokens[2] })).rejects.toMatchObject({ message: expect.stringMatching(/Write something first/) });
    await expect(postAnonymousComment(db, { thread, body: "x".repeat(4001), token: tokens[2] })).rejects.toMatchObject({ message: expect.stringMatching(/at most 4,000/) });
    await expect(postAnonymousComment(db, { thread, body: "bell \u0007", token: tokens[2] })).rejects.toMatchObject({ message: expect.stringMatching(/control characters/) });
    await expect(postAnonymousComment(db, { thread: { programSlug: "nope" }, body: "hi", token: tokens[2] })).rejects.toMatchObject({ status: 404 });
    expect(await flushComments(db)).toEqual({ written: 0, held: 0 });
    expect(commentBatch(db).size()).toBe(0);
  });

  it("takes one level of replies, in the same discussion", async () => {
    const top = await postPublished(db, { thread, body: "Top", token: tokens[3] });
    const reply = await postPublished(db, { thread, parentId: top.id, body: "Reply", token: tokens[4] });
    await expect(postAnonymousComment(db, { thread, parentId: reply.id, body: "Too deep", token: tokens[5] })).rejects.toMatchObject({ message: expect.stringMatching(/one level deep/) });
    const organizer = await makeUser(db);
    const petition = await openPetitionFor(db, organizer);
    await expect(postAnonymousComment(db, { thread: { petitionId: petition.id }, parentId: top.id, body: "Elsewhere", token: tokens[5] })).rejects.toMatchObject({ status: 404 });
    const onPetition = await postPublished(db, { thread: { petitionId: petition.id }, body: "On the petition", token: tokens[5] });
    expect((await listComments(db, { petitionId: petition.id })).items.map((c) => c.id)).toEqual([onPetition.id]);
    const listed = (await listComments(db, thread)).items.find((c) => c.id === top.id)!;
    expect(listed.replies.map((r) => r.id)).toEqual([reply.id]);
  });

  it("lets employees flag and only moderators hide, with the reason kept in place", async () => {
    const c = await postPublished(db, { thread, body: "Names a colleague", token: tokens[6] });
    const reporter = await makeUser(db);
    const moderator = await makeUser(db, { role: "moderator" });
    const leader = await makeUser(db, { role: "leadership" });
    const admin = await makeUser(db, { role: "admin" });
    await expect(flagComment(db, null, c.id, { reason: "Identifies a person" })).rejects.toMatchObject({ status: 401 });
    await expect(flagComment(db, reporter, c.id, { reason: "I dislike it" })).rejects.toMatchObject({ status: 400 });
    await flagComment(db, reporter, c.id, { reason: "Identifies a person" });
    await expect(flagComment(db, reporter, c.id, { reason: "Other" })).rejects.toMatchObject({ status: 409 });
    for (const who of [reporter, leader, admin]) {
      await expect(listFlaggedComments(db, who)).rejects.toMatchObject({ status: 403 });
      await expect(hideComment(db, who, c.id, { reasonCode: "identifies", reasonText: "Names a colleague" })).rejects.toMatchObject({ status: 403 });
    }
    expect((await listFlaggedComments(db, moderator)).map((f) => f.id)).toContain(c.id);
    await expect(hideComment(db, moderator, c.id, { reasonCode: "identifies", reasonText: "no" })).rejects.toMatchObject({ status: 400 });
    await expect(hideComment(db, moderator, c.id, { reasonCode: "dislike", reasonText: "It names a colleague" })).rejects.toMatchObject({ status: 400 });
    await hideComment(db, moderator, c.id, { reasonCode: "identifies", reasonText: "It names a colleague" });
    await expect(hideComment(db, moderator, c.id, { reasonCode: "identifies", reasonText: "It names a colleague" })).rejects.toMatchObject({ status: 409 });
    const shown = (await listComments(db, thread)).items.find((x) => x.id === c.id)!;
    expect(shown.bodyHtml).toBeNull();
    expect(shown.hidden).toMatchObject({ reason: "Identifies a person: It names a colleague" });
    expect((await listFlaggedComments(db, moderator)).map((f) => f.id)).not.toContain(c.id);
  });

  it("uses the weekly allowance setting", async () => {
    await writeSettings(db, { weeklyTokenAllowance: 3 });
    const someone = await makeUser(db);
    expect(await collectTokens(db, someone, 10)).toHaveLength(3);
    await writeSettings(db, { weeklyTokenAllowance: 10 });
  });
});
