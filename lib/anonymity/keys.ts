// Weekly RSA keys for blind-signed anonymous tokens (RFC 9474, RSABSSA-SHA384-PSS-Deterministic).
// One 2048-bit key per ISO week, created on first use; the current and previous week's keys
// verify, so a token collected late on Sunday can still be spent on Monday.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/errors";
import { isoWeek, previousWeek } from "./week";

export type WeeklyKey = {
  id: string;
  week: string;
  publicKey: string;
  fingerprint: string;
};

type StoredKey = { id: string; week: string; publicKey: string; privateKey: string };

const cache = new Map<string, { stored: StoredKey; privateKey: KeyObject; publicKey: KeyObject }>();

/** The key's id: the first 16 hex digits of SHA-256 over its SubjectPublicKeyInfo. */
export function keyIdOf(spkiBase64: string): string {
  return createHash("sha256").update(Buffer.from(spkiBase64, "base64")).digest("hex").slice(0, 16);
}

/** Shown to people as four groups, e.g. "3f9a c21e 0b7d 55e1". */
export function fingerprintOf(keyId: string): string {
  return keyId.match(/.{4}/g)!.join(" ");
}

/** A fresh 2048-bit RSA key pair (about 0.1 s), DER in base64, with its id. */
export function newKeyPair(): { id: string; publicKey: string; privateKey: string } {
  const pair = generateKeyPairSync("rsa", { modulusLength: 2048, publicExponent: 0x10001 });
  const publicKey = pair.publicKey.export({ format: "der", type: "spki" }).toString("base64");
  const privateKey = pair.privateKey.export({ format: "der", type: "pkcs8" }).toString("base64");
  return { id: keyIdOf(publicKey), publicKey, privateKey };
}

/** Parses a stored key once and remembers it by id. */
export function loadKey(stored: { id: string; publicKey: string; privateKey: string }) {
  return load({ ...stored, week: "" });
}

function load(stored: StoredKey) {
  const hit = cache.get(stored.id);
  if (hit) return hit;
  const entry = {
    stored,
    privateKey: createPrivateKey({ key: Buffer.from(stored.privateKey, "base64"), format: "der", type: "pkcs8" }),
    publicKey: createPublicKey({ key: Buffer.from(stored.publicKey, "base64"), format: "der", type: "spki" }),
  };
  cache.set(stored.id, entry);
  return entry;
}

/** A week's key never changes once stored, so each database's keys are remembered by week. */
const byWeek = new WeakMap<Db, Map<string, ReturnType<typeof load>>>();

async function storedKeyOfWeek(db: Db, week: string) {
  const known = byWeek.get(db)?.get(week);
  if (known) return known;
  const row = await db.tokenKey.findUnique({ where: { week } });
  if (!row) return null;
  const entry = load(row);
  let weeks = byWeek.get(db);
  if (!weeks) byWeek.set(db, (weeks = new Map()));
  weeks.set(week, entry);
  return entry;
}

/** The key of a week, creating it if this is the week's first use. */
export async function keyForWeek(db: Db, week: string) {
  const existing = await storedKeyOfWeek(db, week);
  if (existing) return existing;
  const { id, publicKey, privateKey } = newKeyPair();
  try {
    const created = await db.tokenKey.create({ data: { id, week, publicKey, privateKey } });
    return load(created);
  } catch (error) {
    // Another request created the week's key first; use that one.
    if (!isUniqueViolation(error)) throw error;
    return load(await db.tokenKey.findUniqueOrThrow({ where: { week } }));
  }
}

/** The keys that verify tokens now: this week's (created if needed) and last week's, if any. */
export async function publishedKeys(db: Db, now: Date = new Date()): Promise<WeeklyKey[]> {
  const current = await keyForWeek(db, isoWeek(now));
  const previous = (await storedKeyOfWeek(db, previousWeek(now)))?.stored;
  return [current.stored, ...(previous ? [previous] : [])].map((k) => ({
    id: k.id,
    week: k.week,
    publicKey: k.publicKey,
    fingerprint: fingerprintOf(k.id),
  }));
}

/** A key that may verify a token now, by id; null when unknown or older than last week. */
export async function verifyingKey(db: Db, keyId: string, now: Date = new Date()) {
  const stored = await db.tokenKey.findUnique({ where: { id: keyId } });
  if (!stored) return null;
  if (stored.week !== isoWeek(now) && stored.week !== previousWeek(now)) return null;
  return load(stored);
}
