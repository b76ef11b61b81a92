// The writer's side of the anonymous conversation (docs/decisions/026). For every comment it
// writes, this browser makes a fresh ECDSA P-256 key pair: the public half goes with the comment,
// the private half is made non-extractable and stays in IndexedDB (a CryptoKey is stored as it
// is; its bytes can never be read out, not even by this page's own script). Answering a question
// as the author signs (comment, question, text, nonce) with it and sends the answer without
// cookies. Keys are kept per account, like tokens, so on a shared browser one person's comments
// are not answered by another.
import { createStore, get, update } from "idb-keyval";
import { ANSWER_KEY_ALGORITHM, ANSWER_SIGNATURE_ALGORITHM, answerMessage, normalizeText, revealMessage, toBase64url } from "@/lib/comments/answer-message";
import { problemFrom, type Problem } from "./problem";

const store = () => createStore("undersigned-authors", "answer-keys");
const keysKey = (accountId: string) => `keys:${accountId}`;
const outboxKey = (accountId: string) => `answers:${accountId}`;

/** Private keys by the public key (base64url) the comment carries. */
type KeyRing = Record<string, CryptoKey>;

/** An answer this browser sent and has not yet seen published in the thread. */
export type OutgoingAnswer = { commentId: string; questionId: string; body: string; nonce: string; signature: string; publishAt: string | null };

/** Makes the key pair for a comment about to be written and returns its public half. */
export async function createAnswerKey(accountId: string): Promise<string> {
  const pair = await crypto.subtle.generateKey(ANSWER_KEY_ALGORITHM, false, ["sign", "verify"]);
  const answerKey = toBase64url(await crypto.subtle.exportKey("raw", pair.publicKey));
  await update<KeyRing>(keysKey(accountId), (old) => ({ ...(old ?? {}), [answerKey]: pair.privateKey }), store());
  return answerKey;
}

/** The public keys this browser can answer for, with their private halves. */
export async function ownKeys(accountId: string): Promise<KeyRing> {
  return (await get<KeyRing>(keysKey(accountId), store())) ?? {};
}

export async function pendingAnswers(accountId: string): Promise<OutgoingAnswer[]> {
  return (await get<OutgoingAnswer[]>(outboxKey(accountId), store())) ?? [];
}

const putPending = (accountId: string, a: OutgoingAnswer) =>
  update<OutgoingAnswer[]>(outboxKey(accountId), (old) => [...(old ?? []).filter((o) => o.questionId !== a.questionId), a], store());

/** Forgets answers the thread now shows (or that the server says were answered). */
export const dropPending = (accountId: string, questionIds: string[]) =>
  update<OutgoingAnswer[]>(outboxKey(accountId), (old) => (old ?? []).filter((o) => !questionIds.includes(o.questionId)), store());

type Reply = { status?: "queued"; publishAt?: string; error?: { message: string; fields?: Record<string, string> } };
export type AnswerResult = { ok: true; publishAt: string | null } | { ok: false; problem: Problem; offline?: boolean };

async function send(accountId: string, a: OutgoingAnswer): Promise<AnswerResult> {
  let res: Response;
  let reply: Reply;
  try {
    res = await fetch("/api/comments/answers", {
      method: "POST",
      // Like a comment: no cookie, so the answer cannot arrive together with the account.
      credentials: "omit",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ questionId: a.questionId, body: a.body, nonce: a.nonce, signature: a.signature }),
    });
    reply = (await res.json()) as Reply;
  } catch {
    return { ok: false, offline: true, problem: { key: "answerOffline" } };
  }
  if (res.ok) {
    await putPending(accountId, { ...a, publishAt: reply.publishAt ?? null });
    return { ok: true, publishAt: reply.publishAt ?? null };
  }
  if (res.status >= 500 || res.status === 429) return { ok: false, offline: true, problem: problemFrom(reply.error?.message, "serverBusy") };
  await dropPending(accountId, [a.questionId]);
  return { ok: false, problem: problemFrom(reply.error?.message, "answerRefused") };
}

/** Signs and sends an answer as the author of the comment whose key this browser holds. */
export async function answerAsAuthor(accountId: string, input: { commentId: string; answerKey: string; questionId: string; body: string }): Promise<AnswerResult> {
  const privateKey = (await ownKeys(accountId))[input.answerKey];
  if (!privateKey) return { ok: false, problem: { key: "noAnswerKey" } };
  const body = normalizeText(input.body);
  const nonce = toBase64url(crypto.getRandomValues(new Uint8Array(32)));
  const signature = toBase64url(await crypto.subtle.sign(ANSWER_SIGNATURE_ALGORITHM, privateKey, answerMessage({ commentId: input.commentId, questionId: input.questionId, body, nonce })));
  const outgoing: OutgoingAnswer = { commentId: input.commentId, questionId: input.questionId, body, nonce, signature, publishAt: null };
  // Kept before it is sent: the server holds it in memory only until the batch.
  await putPending(accountId, outgoing);
  return send(accountId, outgoing);
}

/**
 * Sends again what the thread does not show although its batch has passed (a server restart
 * lost its queue). `answered` are the questions the public thread shows answered.
 */
export async function resendDue(accountId: string, answered: Set<string>, now = Date.now()): Promise<void> {
  const pending = await pendingAnswers(accountId);
  const done = pending.filter((a) => answered.has(a.questionId)).map((a) => a.questionId);
  if (done.length) await dropPending(accountId, done);
  for (const a of pending) {
    if (answered.has(a.questionId)) continue;
    // A few random seconds after the batch, so re-sends of many browsers do not line up.
    if (a.publishAt && new Date(a.publishAt).getTime() + 5000 > now) continue;
    const result = await send(accountId, a);
    if (!result.ok && result.offline) break;
  }
}

/**
 * Proves, for the signed-in account, that this browser wrote the comment: a signature by the
 * comment's key over a statement naming the comment and the account (decision 026). Sent signed
 * in, on purpose: it puts the account's name on that one comment, for good.
 */
export async function signReveal(accountId: string, input: { commentId: string; answerKey: string }): Promise<{ commentId: string; nonce: string; signature: string } | null> {
  const privateKey = (await ownKeys(accountId))[input.answerKey];
  if (!privateKey) return null;
  const nonce = toBase64url(crypto.getRandomValues(new Uint8Array(32)));
  const signature = toBase64url(await crypto.subtle.sign(ANSWER_SIGNATURE_ALGORITHM, privateKey, revealMessage({ commentId: input.commentId, accountId, nonce })));
  return { commentId: input.commentId, nonce, signature };
}
