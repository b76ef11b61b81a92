// Revealing one's name on an anonymous comment (docs/decisions/026): only the account whose
// browser holds the comment's key can do it, once, for good, and it names that one comment only.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { listComments } from "@/lib/comments";
import { revealAuthorship } from "@/lib/comments/reveal";
import { collectTokens, gatherCrowd, makeAnswerKey, makeProgram, postPublished, signRevealWith } from "./anon";
import { makeUser, makeUsers, outcomeOf, testDatabase } from "./db";

const { db } = testDatabase();

let writer: Actor;
let other: Actor;
let programSlug: string;

beforeAll(async () => {
  writer = await makeUser(db, { name: "Kai Sorensen" });
  other = await makeUser(db, { name: "Someone Else" });
  programSlug = (await makeProgram(db)).slug;
  await gatherCrowd(db, await makeUsers(db, 5));
});

describe("putting one's name on a comment", () => {
  it("the writer's key and account reveal that one comment, once; nobody else can", async () => {
    const wallet = await collectTokens(db, writer, 3);
    const key = await makeAnswerKey();
    const otherKey = await makeAnswerKey();
    const revealed = await postPublished(db, { thread: { programSlug }, body: "I wrote this and I stand by it.", token: wallet[0], answerKey: key.answerKey });
    const kept = await postPublished(db, { thread: { programSlug }, body: "This one stays anonymous.", token: wallet[1], answerKey: otherKey.answerKey });

    const proof = await signRevealWith(key.privateKey, revealed.id, writer.id);
    // Signed out, or another account replaying the writer's proof: refused.
    expect(await outcomeOf(() => revealAuthorship(db, null, proof))).toMatch(/^401 Sign in/);
    expect(await outcomeOf(() => revealAuthorship(db, other, proof))).toMatch(/^400 The signature does not match this comment's key for your account/);
    // Someone else's key, for their own account, cannot claim the comment either.
    const stranger = await makeAnswerKey();
    expect(await outcomeOf(async () => revealAuthorship(db, other, await signRevealWith(stranger.privateKey, revealed.id, other.id)))).toMatch(/^400 The signature does not match/);
    // The proof for one comment does not reveal another.
    expect(await outcomeOf(() => revealAuthorship(db, writer, { ...proof, commentId: kept.id }))).toMatch(/^400 The signature does not match/);
    expect(await outcomeOf(() => revealAuthorship(db, writer, { ...proof, signature: "x" }))).toMatch(/^400 Signature: it must be/);
    expect(await db.commentReveal.count()).toBe(0);

    expect(await outcomeOf(() => revealAuthorship(db, writer, proof))).toBe("allowed");
    // For good, and once.
    expect(await outcomeOf(async () => revealAuthorship(db, writer, await signRevealWith(key.privateKey, revealed.id, writer.id)))).toMatch(/^409 This comment already shows its writer's name/);

    const page = await listComments(db, { programSlug });
    const byId = new Map(page.items.map((c) => [c.id, c]));
    expect(byId.get(revealed.id)!.revealed).toEqual({ name: "Kai Sorensen", day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    // The writer's other comment (another key) says nothing about them.
    expect(byId.get(kept.id)!.revealed).toBeNull();
    expect(await db.commentReveal.findMany({ select: { commentId: true, userId: true } })).toEqual([{ commentId: revealed.id, userId: writer.id }]);
  });
});
