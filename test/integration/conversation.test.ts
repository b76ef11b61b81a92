// The anonymous two-way conversation (issue 17 point 1, docs/decisions/026): leadership and a
// petition's organizers ask, only the key the comment was written with answers, and nothing a
// request or the database holds ties the answer to an account.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { flushComments, listComments, postAnonymousComment } from "@/lib/comments";
import { answerAsAuthor, askQuestion, flushAnswers } from "@/lib/comments/conversation";
import { collectTokens, gatherCrowd, makeAnswerKey, makeProgram, postPublished } from "./anon";
import { makeUser, makeUsers, openPetitionFor, outcomeOf, testDatabase } from "./db";

const { db } = testDatabase();

let writer: Actor;
let leader: Actor;
let organizer: Actor;
let otherOrganizer: Actor;
let employee: Actor;
let moderator: Actor;
let programSlug: string;
let petitionId: string;
let wallet: Awaited<ReturnType<typeof collectTokens>>;

beforeAll(async () => {
  writer = await makeUser(db);
  leader = await makeUser(db, { role: "leadership", name: "Priya Leader" });
  organizer = await makeUser(db, { name: "Maya Organizer" });
  otherOrganizer = await makeUser(db);
  employee = await makeUser(db);
  moderator = await makeUser(db, { role: "moderator" });
  programSlug = (await makeProgram(db)).slug;
  petitionId = (await openPetitionFor(db, organizer)).id;
  await openPetitionFor(db, otherOrganizer, { title: "Quiet hours for everyone, please" });
  await gatherCrowd(db, await makeUsers(db, 5));
  wallet = await collectTokens(db, writer, 10);
});

const question = { body: "Which team told you the data is readable, and since when?" };

describe("asking the writer of a comment", () => {
  it("leadership asks on any thread, a petition's organizers only on their own, nobody else", async () => {
    const key = await makeAnswerKey();
    const onProgram = await postPublished(db, { thread: { programSlug }, body: "The keystroke logs are readable by anyone.", token: wallet[0], answerKey: key.answerKey });
    const onPetition = await postPublished(db, { thread: { petitionId }, body: "Our manager reads them.", token: wallet[1], answerKey: (await makeAnswerKey()).answerKey });

    expect(await outcomeOf(() => askQuestion(db, leader, onProgram.id, question))).toBe("allowed");
    expect(await outcomeOf(() => askQuestion(db, leader, onPetition.id, question))).toBe("allowed");
    expect(await outcomeOf(() => askQuestion(db, organizer, onPetition.id, question))).toBe("allowed");
    const refused = /^403 Only leadership, or the organizers of this petition/;
    expect(await outcomeOf(() => askQuestion(db, organizer, onProgram.id, question))).toMatch(refused);
    expect(await outcomeOf(() => askQuestion(db, otherOrganizer, onPetition.id, question))).toMatch(refused);
    expect(await outcomeOf(() => askQuestion(db, employee, onPetition.id, question))).toMatch(refused);
    expect(await outcomeOf(() => askQuestion(db, moderator, onPetition.id, question))).toMatch(refused);
    expect(await outcomeOf(() => askQuestion(db, null, onPetition.id, question))).toMatch(/^401 Sign in/);
    expect(await outcomeOf(() => askQuestion(db, leader, onPetition.id, { body: "Why" }))).toMatch(/^400 The question needs at least 5 characters/);
    expect(await outcomeOf(() => askQuestion(db, leader, "00000000-0000-4000-8000-000000000000", question))).toMatch(/^404/);

    // On the record: the asker's name and role are public with the question.
    const page = await listComments(db, { petitionId });
    const asked = page.items.find((c) => c.id === onPetition.id)!.questions;
    expect(asked.map((q) => q.askedBy)).toEqual([
      { name: "Priya Leader", role: "leadership" },
      { name: "Maya Organizer", role: "organizer" },
    ]);
    expect(asked.every((q) => q.answer === null)).toBe(true);
  });

  it("a comment written without a key cannot be asked about: nobody could answer as its author", async () => {
    const old = await postPublished(db, { thread: { programSlug }, body: "Written before answer keys.", token: wallet[2] });
    expect(await outcomeOf(() => askQuestion(db, leader, old.id, question))).toMatch(/^409 .*no(body)? .*author|^409 This comment was written before/);
  });
});

describe("answering as the author", () => {
  it("the comment's key answers once; another key, a forged signature and a replay are refused with a message", async () => {
    const key = await makeAnswerKey();
    const comment = await postPublished(db, { thread: { petitionId }, body: "Ask me how I know.", token: wallet[3], answerKey: key.answerKey });
    const q1 = await askQuestion(db, leader, comment.id, { body: "How do you know the logs are readable?" });
    const q2 = await askQuestion(db, organizer, comment.id, { body: "Can you say which tool shows them?" });

    // Someone else's key (another person's comment) cannot answer as this comment's author.
    const stranger = await makeAnswerKey();
    const byStranger = await stranger.answer(comment.id, q1.id, "I am the author, trust me.");
    expect(await outcomeOf(() => answerAsAuthor(db, byStranger))).toMatch(/^400 The signature does not match/);

    // Forged: the right shape, random bytes; or the author's signature with the text changed.
    const signed = await key.answer(comment.id, q1.id, "The admin page lists every log without a login.");
    expect(await outcomeOf(() => answerAsAuthor(db, { ...signed, signature: Buffer.alloc(64, 7).toString("base64url") }))).toMatch(/^400 The signature does not match/);
    expect(await outcomeOf(() => answerAsAuthor(db, { ...signed, body: "Something I never wrote." }))).toMatch(/^400 The signature does not match/);
    expect(await outcomeOf(() => answerAsAuthor(db, { ...signed, nonce: Buffer.alloc(32, 1).toString("base64url") }))).toMatch(/^400 The signature does not match/);
    // Replayed on another question: the question is signed, so it does not verify there.
    expect(await outcomeOf(() => answerAsAuthor(db, { ...signed, questionId: q2.id }))).toMatch(/^400 The signature does not match/);
    expect(await outcomeOf(() => answerAsAuthor(db, { ...signed, signature: "short" }))).toMatch(/^400 Signature: it must be an ECDSA P-256 signature/);

    // The author's own answer is queued, re-sending it while it waits is fine, and it is published with the batch.
    const queued = await answerAsAuthor(db, signed);
    expect(queued.status).toBe("queued");
    expect(await answerAsAuthor(db, signed)).toEqual(queued);
    const other = await key.answer(comment.id, q1.id, "A different answer while the first waits.");
    expect(await outcomeOf(() => answerAsAuthor(db, other))).toMatch(/^409 Another answer to this question is already waiting/);
    expect(await db.commentAnswer.count()).toBe(0);
    expect((await flushAnswers(db)).written).toBe(1);

    // Replaying the published answer, or sending a second one, is refused: one answer each.
    expect(await outcomeOf(() => answerAsAuthor(db, signed))).toMatch(/^409 The author already answered this question/);
    expect(await outcomeOf(() => answerAsAuthor(db, other))).toMatch(/^409 The author already answered/);
    expect(await db.commentAnswer.count()).toBe(1);

    const shown = (await listComments(db, { petitionId })).items.find((c) => c.id === comment.id)!;
    expect(shown.answerKey).toBe(key.answerKey);
    expect(shown.questions.map((q) => q.answer?.bodyHtml.trim() ?? null)).toEqual(["<p>The admin page lists every log without a login.</p>", null]);
  });

  it("a reply carries its own key, and its writer answers about it", async () => {
    const top = await postPublished(db, { thread: { programSlug }, body: "Top-level comment.", token: wallet[4], answerKey: (await makeAnswerKey()).answerKey });
    const replyKey = await makeAnswerKey();
    const reply = await postPublished(db, { thread: { programSlug }, parentId: top.id, body: "A reply by someone else.", token: wallet[5], answerKey: replyKey.answerKey });
    const q = await askQuestion(db, leader, reply.id, { body: "What would make this better for you?" });
    await answerAsAuthor(db, await replyKey.answer(reply.id, q.id, "  Ask us first.\r\n"));
    await flushAnswers(db);
    const listed = (await listComments(db, { programSlug })).items.find((c) => c.id === top.id)!;
    expect(listed.replies[0]!.questions[0]!.answer!.bodyHtml.trim()).toBe("<p>Ask us first.</p>");
  });

  it("a comment's key is checked when it arrives: a key that is not a P-256 point is refused", async () => {
    const bad = await outcomeOf(() => postAnonymousComment(db, { thread: { programSlug }, body: "x", token: wallet[6], answerKey: "A".repeat(87) }));
    expect(bad).toMatch(/^400 Answer key: it must be an uncompressed P-256 point/);
    // The right length and prefix, but not a point on the curve.
    const offCurve = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 255)]).toString("base64url");
    expect(await outcomeOf(() => postAnonymousComment(db, { thread: { programSlug }, body: "x", token: wallet[6], answerKey: offCurve }))).toMatch(/^400 answerKey is not a P-256 public key/);
    // The token went back: the refusal came before it counted.
    expect((await postAnonymousComment(db, { thread: { programSlug }, body: "x", token: wallet[6], answerKey: (await makeAnswerKey()).answerKey })).status).toBe("queued");
    await flushComments(db);
  });
});
