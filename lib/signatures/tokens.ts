// Signing tokens (docs/decisions/018): one blind-signed token per person per petition, under a
// key of the petition's own (RFC 9474, RSABSSA-SHA384-PSS-Deterministic, as comments use). The
// browser collects a token for every open petition it is shown, in one request, whether or not
// the person will sign; so an issuance row records a visit, never a signature. The token is what
// signs, anonymously (cookieless, lib/signatures/anonymous.ts) or by name (lib/signatures), so
// nobody is counted twice.
import { msg, zodMessage } from "@/lib/i18n/message";
import { z } from "zod";
import { lookupKey } from "@/lib/validation";
import { requireActor, type Actor } from "@/lib/auth/actor";
import { loadKey, newKeyPair } from "@/lib/anonymity/keys";
import { shuffle } from "@/lib/anonymity/batch";
import { blindedMessageOf, blindSign, fromBase64, nonceHashOf, verifyToken } from "@/lib/anonymity/tokens";
import type { Db } from "@/lib/db/client";
import { DomainError, isUniqueViolation, parseInput } from "@/lib/errors";

/** Most petitions one collection asks for; the rest come on the next page load. */
export const MAX_COLLECT = 100;

const base64 = z.string().max(1024).regex(/^[A-Za-z0-9+/_-]+={0,2}$/, "must be base64");

/** A signing token as the browser holds and spends it. The key is the petition's. */
export const signTokenSchema = z.object(
  { nonce: base64, signature: base64 },
  { error: "token must be an object with a nonce and a signature (base64)." },
);
export type SignToken = z.infer<typeof signTokenSchema>;

export const collectInputSchema = z.object({
  tokens: z
    .array(
      z.object({
        petitionId: lookupKey(100),
        keyId: z.string().regex(/^[0-9a-f]{16}$/, "keyId must be 16 hex digits."),
        blindedMessage: base64,
      }),
      { error: "tokens must be a list of {petitionId, keyId, blindedMessage}." },
    )
    .min(1, zodMessage(msg("Validation.signatures.askLeastOneToken")))
    .max(MAX_COLLECT, zodMessage(msg("Validation.signatures.askAtMost", { max: MAX_COLLECT }))),
});

export type CollectableToken = { petitionId: string; keyId: string; publicKey: string; legacy: boolean };

type SignKeyRow = { petitionId: string; keyId: string; publicKey: string; privateKey: string };

/** The petition's key, created on first use (another request may win the race; then its key is used). */
export async function signKeyFor(db: Db, petitionId: string): Promise<ReturnType<typeof loadKey> & { petitionId: string }> {
  let row: SignKeyRow | null = await db.signKey.findUnique({ where: { petitionId } });
  if (!row) {
    const pair = newKeyPair();
    try {
      row = await db.signKey.create({ data: { petitionId, keyId: pair.id, publicKey: pair.publicKey, privateKey: pair.privateKey } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      row = await db.signKey.findUniqueOrThrow({ where: { petitionId } });
    }
  }
  return { ...loadKey({ id: row.keyId, publicKey: row.publicKey, privateKey: row.privateKey }), petitionId };
}

/** Public keys of petitions, for anyone who wants to check spent tokens. */
export async function publicSignKey(db: Db, petitionId: string): Promise<{ keyId: string; publicKey: string } | null> {
  return db.signKey.findUnique({ where: { petitionId }, select: { keyId: true, publicKey: true } });
}

const openWhere = (now: Date) => ({ state: "open", hiddenReason: null, closesAt: { gt: now } });

/**
 * The open petitions whose token this person has not collected (and those whose legacy claim
 * their token would settle), with each petition's public key, so the browser can blind a nonce
 * for each. Keys are made here when missing.
 */
export async function collectableTokens(db: Db, actor: Actor | null, clock: { now?: Date } = {}): Promise<CollectableToken[]> {
  const person = requireActor(actor, "collect signing tokens");
  const now = clock.now ?? new Date();
  const [open, held] = await Promise.all([
    db.petition.findMany({ where: openWhere(now), select: { id: true }, orderBy: { id: "asc" } }),
    db.signTokenIssuance.findMany({ where: { userId: person.id }, select: { petitionId: true, legacyDay: true } }),
  ]);
  const issued = new Map(held.map((h) => [h.petitionId, h.legacyDay !== null]));
  const due = open.filter((p) => issued.get(p.id) !== false).slice(0, MAX_COLLECT);
  const out: CollectableToken[] = [];
  for (const p of due) {
    const key = await signKeyFor(db, p.id);
    out.push({ petitionId: p.id, keyId: key.stored.id, publicKey: key.stored.publicKey, legacy: issued.get(p.id) === true });
  }
  return out;
}

export type Collected = { petitionId: string; blindSignature: string; legacy: boolean };

/**
 * Blind-signs one token per asked petition that is open and not yet issued to this person, in ONE
 * transaction for all of them, in random order. A petition already issued is skipped (the person
 * holds its token somewhere, or signed it by name without one). A legacy claim (an anonymous
 * signature made before tokens existed) is settled: its row is rewritten as a plain issuance, so
 * it looks like every other collection from then on, and the answer says `legacy` so the browser
 * attaches the token to that signature (lib/signatures/anonymous.ts).
 */
export async function collectTokens(db: Db, actor: Actor | null, input: unknown, clock: { now?: Date } = {}): Promise<{ issued: Collected[] }> {
  const person = requireActor(actor, "collect signing tokens");
  const { tokens } = parseInput(collectInputSchema, input);
  const now = clock.now ?? new Date();
  const asked = new Map<string, { keyId: string; message: Buffer }>();
  for (const [i, t] of tokens.entries()) asked.set(t.petitionId, { keyId: t.keyId, message: blindedMessageOf(t.blindedMessage, `Blinded message ${i + 1}`) });
  const open = await db.petition.findMany({ where: { ...openWhere(now), id: { in: [...asked.keys()] } }, select: { id: true } });
  const keys = new Map<string, Awaited<ReturnType<typeof signKeyFor>>>();
  for (const p of open) keys.set(p.id, await signKeyFor(db, p.id));

  return db.$transaction(async (tx) => {
    const held = await tx.signTokenIssuance.findMany({ where: { userId: person.id, petitionId: { in: open.map((p) => p.id) } } });
    const byPetition = new Map(held.map((h) => [h.petitionId, h]));
    const issued: Collected[] = [];
    for (const p of shuffle(open)) {
      const key = keys.get(p.id)!;
      const ask = asked.get(p.id)!;
      // A stale key would give the browser a token it cannot unblind; skip it (it asks again).
      if (ask.keyId !== key.stored.id) continue;
      const row = byPetition.get(p.id);
      if (row && row.legacyDay === null) continue;
      if (row) await tx.signTokenIssuance.delete({ where: { petitionId_userId: { petitionId: p.id, userId: person.id } } });
      try {
        await tx.signTokenIssuance.create({ data: { petitionId: p.id, userId: person.id } });
      } catch (error) {
        if (isUniqueViolation(error)) continue;
        throw error;
      }
      issued.push({ petitionId: p.id, blindSignature: blindSign(key.privateKey, key.publicKey, ask.message, issued.length).toString("base64"), legacy: row !== undefined });
    }
    return { issued };
  });
}

/**
 * Checks a signing token against the petition's key. Returns the hash to record; throws a 400
 * (fields.token) for a token of another petition, a tampered one or garbage.
 */
export async function checkSignToken(db: Db, petitionId: string, token: unknown): Promise<{ nonceHash: string }> {
  const t = parseInput(signTokenSchema, token);
  const row = await db.signKey.findUnique({ where: { petitionId } });
  const key = row ? loadKey({ id: row.keyId, publicKey: row.publicKey, privateKey: row.privateKey }) : null;
  const nonce = fromBase64(t.nonce);
  if (!key || !verifyToken(key.publicKey, nonce, fromBase64(t.signature))) {
    throw new DomainError("invalid_input", msg("Errors.signatures.tokenValidPetition"), { token: "invalid" });
  }
  return { nonceHash: nonceHashOf(nonce) };
}

/** Tokens issued next to signatures counted, public on the petition page: a count never exceeds the people who could sign. */
export async function tokenTally(db: Db, petitionId: string): Promise<{ tokensIssued: number }> {
  return { tokensIssued: await db.signTokenIssuance.count({ where: { petitionId } }) };
}
