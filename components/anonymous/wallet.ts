// The browser's store of anonymous tokens (IndexedDB through idb-keyval). Tokens are bearer
// tokens: whoever holds one may spend it once. They never leave this device except to be spent.
import { createStore, del, get, set, update } from "idb-keyval";
import { blindNonces, finalizeTokens, type KeyInfo, type StoredToken } from "@/lib/anonymity/client";

const store = () => createStore("undersigned", "anonymous-tokens");
// Tokens are kept per account, so on a shared browser one person cannot spend another's.
const tokensKey = (accountId: string) => `tokens:${accountId}`;
const fetchedKey = (accountId: string) => `fetched:${accountId}`;

export async function currentKeys(fresh = false): Promise<KeyInfo[]> {
  const res = await fetch("/api/tokens/keys", fresh ? { cache: "no-store" } : undefined);
  if (!res.ok) throw new Error("keys unavailable");
  return ((await res.json()) as { keys: KeyInfo[] }).keys;
}

async function usable(accountId: string, keys: KeyInfo[]): Promise<StoredToken[]> {
  const ids = new Set(keys.map((k) => k.id));
  return ((await get<StoredToken[]>(tokensKey(accountId), store())) ?? []).filter((t) => ids.has(t.keyId));
}

export async function countTokens(accountId: string, keys: KeyInfo[]): Promise<number> {
  return (await usable(accountId, keys)).length;
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

async function collect(accountId: string, retried = false): Promise<void> {
  const keys = await currentKeys(retried);
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
      body: JSON.stringify({ keyId: current.id, blindedMessages: blinded.blindedMessages }),
    });
    // The week turned while the key list was cached: fetch it fresh and try once more.
    if (res.status === 409 && !retried) return collect(accountId, true);
    if (!res.ok) return;
    const issued = (await res.json()) as { keyId: string; blindSignatures: string[] };
    if (issued.keyId !== current.id) return;
    const tokens = await finalizeTokens(current, blinded, issued.blindSignatures);
    const ids = new Set(keys.map((k) => k.id));
    await update<StoredToken[]>(tokensKey(accountId), (old) => [...(old ?? []).filter((t) => ids.has(t.keyId)), ...tokens], store());
  }
  await set(fetchedKey(accountId), current.week, store());
}

/** Takes one token out of the store (oldest key first, so last week's are spent before they expire). */
export async function takeToken(accountId: string, keys: KeyInfo[]): Promise<StoredToken | null> {
  const ids = keys.map((k) => k.id);
  let taken: StoredToken | null = null;
  await update<StoredToken[]>(
    tokensKey(accountId),
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
export async function returnToken(accountId: string, token: StoredToken): Promise<void> {
  await update<StoredToken[]>(tokensKey(accountId), (old) => [token, ...(old ?? [])], store());
}

/** On sign-out: nothing of this account stays in the browser. */
export async function forgetAccount(accountId: string): Promise<void> {
  await del(tokensKey(accountId), store());
  await del(fetchedKey(accountId), store());
}
