// Helpers that act as the browser does: collect blind-signed tokens, spend one per comment.
import type { Actor } from "@/lib/auth/actor";
import { blindForPetitions, blindNonces, finalizeForPetitions, finalizeTokens, type SignTokenHeld, type StoredToken } from "@/lib/anonymity/client";
import { publishedKeys } from "@/lib/anonymity/keys";
import { flushIssuances } from "@/lib/anonymity/issuance";
import { issueTokens } from "@/lib/anonymity/tokens";
import { nextWeekStart } from "@/lib/anonymity/week";
import { flushComments, postAnonymousComment } from "@/lib/comments";
import type { Db } from "@/lib/db/client";
import { flushSignatures, queueAnonymous } from "@/lib/signatures/anonymous";
import { collectableTokens, collectTokens as collectSignTokensOnServer } from "@/lib/signatures/tokens";
import { webcrypto } from "node:crypto";
import { ANSWER_KEY_ALGORITHM, ANSWER_SIGNATURE_ALGORITHM, answerMessage, normalizeText, revealMessage, toBase64url } from "@/lib/comments/answer-message";

export async function collectTokens(db: Db, actor: Actor, count = 10, now = new Date()): Promise<StoredToken[]> {
  const [key] = await publishedKeys(db, now);
  const blinded = await blindNonces(key!, count);
  const issued = await issueTokens(db, actor, { keyId: key!.id, blindedMessages: blinded.blindedMessages }, { now });
  return finalizeTokens(key!, blinded, issued.blindSignatures);
}

/** Writes this week's collections as the server does when the week is over (decision 028). */
export const recordCollections = (db: Db, now = new Date()) => flushIssuances(db, { until: nextWeekStart(now) });

export async function makeProgram(db: Db, slug = `flow-${Math.random().toString(36).slice(2, 8)}`) {
  return db.program.create({
    data: {
      slug,
      name: "Flow Insights",
      owningTeam: "Productivity Analytics",
      purpose: "Train models on how work gets done.",
      collects: JSON.stringify(["clicks", "keystrokes"]),
      retention: "24 months",
      dataAccess: "Model team",
      consentModel: "mandatory",
      status: "active",
      policyText: "We record activity.",
    },
  });
}

/**
 * Posts one comment and publishes it at once, as a batch of one would (tests that need the id
 * of a published comment). Needs a crowd of at least k collectors this week or last, as the real
 * batch does; the error says so when there is none.
 */
export async function postPublished(db: Db, input: Record<string, unknown>, now?: Date): Promise<{ id: string; day: string }> {
  const before = new Set((await db.anonComment.findMany({ select: { id: true } })).map((c) => c.id));
  const posted = await postAnonymousComment(db, input, { now });
  if (posted.status !== "queued") throw new Error(`expected a queued comment, got ${posted.status}`);
  const { written, held } = await flushComments(db, now);
  if (held) throw new Error(`the batch was held: only ${posted.crowd.people} people hold tokens (k = ${posted.crowd.k})`);
  const fresh = (await db.anonComment.findMany({ select: { id: true, day: true } })).filter((c) => !before.has(c.id));
  if (written !== 1 || fresh.length !== 1) throw new Error(`expected one published comment, got ${written}`);
  return fresh[0]!;
}

/** Each person collects one token this week, so batches have a crowd to hide in. */
export async function gatherCrowd(db: Db, people: Actor[], now = new Date()): Promise<void> {
  for (const p of people) await collectTokens(db, p, 1, now);
}

/** Collects this person's signing tokens for every open petition, as the browser does on a page load (decision 018). */
export async function collectSignTokens(db: Db, actor: Actor, now = new Date(), only?: string) {
  const keys = (await collectableTokens(db, actor, { now })).filter((k) => !only || k.petitionId === only);
  if (keys.length === 0) return new Map<string, SignTokenHeld>();
  const blinded = await blindForPetitions(keys);
  const { issued } = await collectSignTokensOnServer(db, actor, { tokens: blinded.map((b) => ({ petitionId: b.petitionId, keyId: b.keyId, blindedMessage: b.blindedMessage })) }, { now });
  const tokens = await finalizeForPetitions(blinded, issued);
  return new Map(tokens.map((t) => [t.petitionId, t]));
}

export const wire = (t: SignTokenHeld) => ({ nonce: t.nonce, signature: t.signature });

/** Signs anonymously as the browser does (collect, spend cookieless) and writes the batch at once. */
export async function signAnonymouslyNow(db: Db, actor: Actor, petitionId: string, now = new Date()) {
  const tokens = await collectSignTokens(db, actor, now, petitionId);
  const token = tokens.get(petitionId);
  if (!token) throw new Error("no signing token could be collected for this petition");
  const answer = await queueAnonymous(db, petitionId, "sign", { token: wire(token) }, { now });
  await flushSignatures(db, now, { force: true });
  return { token, answer };
}

/**
 * What the writer's browser does for a comment (components/anonymous/AuthorKeys.ts): a fresh
 * P-256 key pair whose public half goes with the comment and whose private half signs answers.
 */
export async function makeAnswerKey(): Promise<{ answerKey: string; privateKey: CryptoKey; answer: (commentId: string, questionId: string, body: string, nonce?: string) => Promise<{ questionId: string; body: string; nonce: string; signature: string }> }> {
  const pair = await webcrypto.subtle.generateKey(ANSWER_KEY_ALGORITHM, false, ["sign", "verify"]);
  const answerKey = toBase64url(await webcrypto.subtle.exportKey("raw", pair.publicKey));
  return {
    answerKey,
    privateKey: pair.privateKey,
    async answer(commentId, questionId, body, nonce = toBase64url(webcrypto.getRandomValues(new Uint8Array(32)))) {
      const signature = toBase64url(await webcrypto.subtle.sign(ANSWER_SIGNATURE_ALGORITHM, pair.privateKey, answerMessage({ commentId, questionId, body: normalizeText(body), nonce })));
      return { questionId, body, nonce, signature };
    },
  };
}

/** The browser's reveal (AuthorKeys.signReveal): the comment's key signs (comment, account, nonce). */
export async function signRevealWith(key: CryptoKey, commentId: string, accountId: string) {
  const nonce = toBase64url(webcrypto.getRandomValues(new Uint8Array(32)));
  const signature = toBase64url(await webcrypto.subtle.sign(ANSWER_SIGNATURE_ALGORITHM, key, revealMessage({ commentId, accountId, nonce })));
  return { commentId, nonce, signature };
}
