// The browser's store of anonymous tokens (IndexedDB through idb-keyval). Tokens are bearer
// tokens: whoever holds one may spend it once. They never leave this device except to be spent.
import { createStore, del, get, set, update } from "idb-keyval";
import { blindNonces, finalizeTokens, type KeyInfo, type StoredToken } from "@/lib/anonymity/client";

const store = () => createStore("undersigned", "anonymous-tokens");
const TOKENS = "tokens";
const fetchedKey = (accountId: string) => `fetched:${accountId}`;

export async function currentKeys(): Promise<KeyInfo[]> {
  const res = await fetch("/api/tokens/keys");
  if (!res.ok) throw new Error("keys unavailable");
  return ((await res.json()) as { keys: KeyInfo[] }).keys;
}

async function usable(keys: KeyInfo[]): Promise<StoredToken[]> {
  const ids = new Set(keys.map((k) => k.id));
  const all = ((await get<StoredToken[]>(TOKENS, store())) ?? []).filter((t) => ids.has(t.keyId));
  return all;
}

export async function countTokens(keys: KeyInfo[]): Promise<number> {
  return (await usable(keys)).length;
}

/**
 * Collects the week's whole allowance on the first visit of the week, whether or not the
 * person will write anything, so collecting tokens says nothing about posting.
 */
export function ensureWeeklyTokens(accountId: string): Promise<void> {
  // One collection at a time per page: the wallet and every comment box ask at load.
  inflight ??= collect(accountId).finally(() => {
    inflight = null;
  });
  return inflight;
}

let inflight: Promise<void> | null = null;

async function collect(accountId: string): Promise<void> {
  const keys = await currentKeys();
  const current = keys[0];
  if (!current) return;
  if ((await get<string>(fetchedKey(accountId), store())) === current.week) return;
  const allowance = await fetch("/api/tokens", { cache: "no-store" });
  if (!allowance.ok) return;
  const { remaining } = (await allowance.json()) as { remaining: number };
  if (remaining > 0) {
    const blinded = await blindNonces(current, remaining);
    const res = await fetch("/api/tokens", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ blindedMessages: blinded.blindedMessages }),
    });
    if (!res.ok) return;
    const issued = (await res.json()) as { blindSignatures: string[] };
    const tokens = await finalizeTokens(current, blinded, issued.blindSignatures);
    const ids = new Set(keys.map((k) => k.id));
    await update<StoredToken[]>(TOKENS, (old) => [...(old ?? []).filter((t) => ids.has(t.keyId)), ...tokens], store());
  }
  await set(fetchedKey(accountId), current.week, store());
}

/** Takes one token out of the store (oldest key first, so last week's are spent before they expire). */
export async function takeToken(keys: KeyInfo[]): Promise<StoredToken | null> {
  const ids = keys.map((k) => k.id);
  let taken: StoredToken | null = null;
  await update<StoredToken[]>(
    TOKENS,
    (old) => {
      const valid = (old ?? []).filter((t) => ids.includes(t.keyId));
      valid.sort((a, b) => ids.indexOf(b.keyId) - ids.indexOf(a.keyId));
      taken = valid.shift() ?? null;
      return valid;
    },
    store(),
  );
  return taken;
}

/** Puts back a token that was not spent (the comment was refused before the token was used). */
export async function returnToken(token: StoredToken): Promise<void> {
  await update<StoredToken[]>(TOKENS, (old) => [token, ...(old ?? [])], store());
}

export async function forgetAll(): Promise<void> {
  await del(TOKENS, store());
}
