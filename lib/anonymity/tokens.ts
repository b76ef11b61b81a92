// Issuing blind-signed tokens to signed-in people and checking tokens when they are spent.
//
// Issuance sees only blinded messages; redemption sees only the unblinded token. Without the
// blinding factor, which never leaves the browser, nobody (the server, its database, its keys)
// can match one to the other. The server keeps only how many tokens an account collected per
// week (docs/decisions/009), and writes that down only when the week is over, for all of the
// week's collections at once (./issuance.ts, docs/decisions/028).
import { day, msg, zodMessage } from "@/lib/i18n/message";
import { constants, createHash, privateDecrypt, publicEncrypt, verify } from "node:crypto";
import { z } from "zod";
import { requireActor, type Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { countTokenCollectors } from "@/lib/db/statements";
import { DomainError, parseInput } from "@/lib/errors";
import { getSettings } from "@/lib/settings";
import { exclusively, pendingIssued, pendingPeople, reserveIssued } from "./issuance";
import { keyForWeek, verifyingKey } from "./keys";
import { isoWeek, nextWeekStart, previousWeek } from "./week";

export const TOKEN_PURPOSE = "comment";
const MODULUS_BYTES = 256;
export const NONCE_BYTES = 32;

const base64 = z.string().max(1024).regex(/^[A-Za-z0-9+/_-]+={0,2}$/, "must be base64");

export const issueInputSchema = z.object({
  /** The key the messages were blinded for; must be this week's, or the signatures would be useless. */
  keyId: z.string().regex(/^[0-9a-f]{16}$/, "keyId must be 16 hex digits."),
  blindedMessages: z
    .array(base64, { error: "blindedMessages must be a list of base64 strings." })
    .min(1, zodMessage(msg("Validation.anonymity.sendLeastOneBlinded")))
    .max(100, zodMessage(msg("Validation.anonymity.sendMost100Blinded"))),
});

export const tokenSchema = z.object({
  keyId: z.string().regex(/^[0-9a-f]{16}$/, "keyId must be 16 hex digits."),
  nonce: base64,
  signature: base64,
});
export type Token = z.infer<typeof tokenSchema>;

export const fromBase64 = (s: string) => Buffer.from(s.replace(/-/g, "+").replace(/_/g, "/"), "base64");

export type Allowance = { week: string; allowance: number; issued: number; remaining: number; renewsOn: string };

export async function getAllowance(db: Db, actor: Actor | null, clock: { now?: Date } = {}): Promise<Allowance> {
  const person = requireActor(actor, "collect anonymous tokens");
  const now = clock.now ?? new Date();
  const week = isoWeek(now);
  const [settings, row] = await Promise.all([
    getSettings(db),
    db.tokenIssuance.findUnique({ where: { userId_week_purpose: { userId: person.id, week, purpose: TOKEN_PURPOSE } } }),
  ]);
  const issued = (row?.issued ?? 0) + pendingIssued(db, person.id, week, TOKEN_PURPOSE);
  return {
    week,
    allowance: settings.weeklyTokenAllowance,
    issued,
    remaining: Math.max(0, settings.weeklyTokenAllowance - issued),
    renewsOn: nextWeekStart(now).toISOString().slice(0, 10),
  };
}

/**
 * Blind-signs up to the rest of this week's allowance. Signs min(requested, remaining) messages,
 * in order, and counts them in the same transaction; refuses once nothing remains.
 */
export async function issueTokens(db: Db, actor: Actor | null, input: unknown, clock: { now?: Date } = {}) {
  const person = requireActor(actor, "collect anonymous tokens");
  const { blindedMessages, keyId } = parseInput(issueInputSchema, input);
  const now = clock.now ?? new Date();
  const week = isoWeek(now);
  const key = await keyForWeek(db, week);
  if (keyId !== key.stored.id) {
    // Refuse before counting anything: signatures under another key would use up the allowance
    // and give the browser tokens it cannot unblind.
    throw new DomainError("conflict", msg("Errors.anonymity.weeklyKeyHasChanged"), { keyId: "stale" });
  }
  const settings = await getSettings(db);
  const allowance = settings.weeklyTokenAllowance;
  const messages = blindedMessages.map((m, i) => blindedMessageOf(m, `Blinded message ${i + 1}`));

  // Nothing is written now (./issuance.ts): the stored count plus what this process issued and
  // has not written yet, checked and raised with no other collection in between.
  return exclusively(db, async () => {
    const row = await db.tokenIssuance.findUnique({ where: { userId_week_purpose: { userId: person.id, week, purpose: TOKEN_PURPOSE } } });
    const remaining = allowance - (row?.issued ?? 0) - pendingIssued(db, person.id, week, TOKEN_PURPOSE);
    if (remaining <= 0) {
      throw new DomainError(
        "rate_limited",
        msg("Errors.anonymity.allTokensCollected", { allowance, date: day(nextWeekStart(now)) }),
      );
    }
    const granted = Math.min(remaining, messages.length);
    // Signed before counting: a message that is not valid for the key refuses the whole request.
    const blindSignatures = messages.slice(0, granted).map((m, i) => blindSign(key.privateKey, key.publicKey, m, i));
    reserveIssued(db, person.id, week, TOKEN_PURPOSE, granted);
    return {
      week,
      keyId: key.stored.id,
      blindSignatures: blindSignatures.map((s) => s.toString("base64")),
      remaining: remaining - granted,
    };
  });
}

/**
 * RSA blind signing, s = m^d mod n, through OpenSSL (Node's privateDecrypt without padding is the
 * raw private-key operation): a millisecond, where the pure-JavaScript BlindSign takes far longer
 * and is not constant time. The result is checked (s^e mod n = m) before it is returned, as
 * RFC 9474 requires, so a fault never leaks a bad signature.
 */
export function blindSign(privateKey: import("node:crypto").KeyObject, publicKey: import("node:crypto").KeyObject, message: Buffer, index: number): Buffer {
  let signature: Buffer;
  try {
    signature = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, message);
  } catch {
    throw new DomainError("invalid_input", msg("Errors.anonymity.blindedMessageInvalid", { number: index + 1 }));
  }
  const check = publicEncrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, signature);
  if (!check.equals(message)) throw new Error("Blind signature self-check failed");
  return signature;
}

/**
 * Checks a token for spending: a key of this week or last week, a nonce of the right size and
 * a valid RSASSA-PSS (SHA-384, 48-byte salt) signature over it. Returns the hash to record.
 */
export async function checkToken(db: Db, token: unknown, now: Date): Promise<{ nonceHash: string; keyId: string; nonce: Buffer }> {
  const t = parseInput(tokenSchema, token);
  const key = await verifyingKey(db, t.keyId, now);
  if (!key) {
    throw new DomainError("invalid_input", msg("Errors.anonymity.tokenBelongsExpiredUnknown"), { token: "expired" });
  }
  const nonce = fromBase64(t.nonce);
  if (!verifyToken(key.publicKey, nonce, fromBase64(t.signature))) throw new DomainError("invalid_input", msg("Errors.anonymity.tokenValid"), { token: "invalid" });
  return { nonceHash: nonceHashOf(nonce), keyId: t.keyId, nonce };
}

/** RFC 9474 verification: a nonce of the right size and an RSASSA-PSS (SHA-384, 48-byte salt) signature over it. */
export function verifyToken(publicKey: import("node:crypto").KeyObject, nonce: Buffer, signature: Buffer): boolean {
  return (
    nonce.length === NONCE_BYTES &&
    signature.length === MODULUS_BYTES &&
    verify("sha384", nonce, { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 }, signature)
  );
}

/** What is stored of a spent token: SHA-256 of its nonce, hex. */
export const nonceHashOf = (nonce: Buffer) => createHash("sha256").update(nonce).digest("hex");

/** A blinded message of the right size for a 2048-bit key, or a message a person can act on. */
export function blindedMessageOf(text: string, label: string): Buffer {
  const bytes = fromBase64(text);
  if (bytes.length !== MODULUS_BYTES) throw new DomainError("invalid_input", msg("Errors.anonymity.blindedMessageSize", { label, bytes: MODULUS_BYTES }));
  return bytes;
}

/**
 * Binds a token to what it paid for: SHA-256 over the secret nonce and the content. Stored with
 * the spent token, it lets the token's holder re-send the same content and hear "published";
 * without the nonce (which only that browser has) it matches no row.
 */
export function contentHash(nonce: Buffer, content: unknown): string {
  return createHash("sha256").update(nonce).update("\0").update(JSON.stringify(content)).digest("hex");
}

/**
 * The crowd an anonymous act hides in: how many people collected tokens that verify now (this
 * week's or last week's key), whether their collection is written down yet or still pending in
 * this process. Anyone of them may have written any comment of a batch.
 */
export async function tokenCrowd(db: Db, now: Date = new Date()): Promise<{ people: number; weeks: string[] }> {
  const weeks: [string, string] = [isoWeek(now), previousWeek(now)];
  const storedPeople = await countTokenCollectors(db, TOKEN_PURPOSE, weeks);
  const pending = pendingPeople(db, weeks, TOKEN_PURPOSE);
  const stored = pending.length
    ? await db.tokenIssuance.findMany({ where: { userId: { in: pending }, purpose: TOKEN_PURPOSE, issued: { gt: 0 }, week: { in: weeks } }, select: { userId: true } })
    : [];
  return { people: storedPeople + pending.length - new Set(stored.map((r) => r.userId)).size, weeks };
}
