// The browser's store of anonymous tokens and of comments on their way (IndexedDB through
// idb-keyval), and the one wallet state every comment box on a page shows (docs/decisions/009).
//
// Tokens are bearer tokens: whoever holds one may spend it once. They never leave this device
// except to be spent. A comment is kept here, with its token, from before it is sent until the
// server says it is published: the server only queues comments in memory until the next batch,
// so after a crash or a restart this browser sends it again, and the server takes it once.
import { createStore, del, get, set, update } from "idb-keyval";
import { blindNonces, finalizeTokens, type KeyInfo, type StoredToken } from "@/lib/anonymity/client";
import { isPastWeek } from "@/lib/anonymity/week";
import { cryptoRandom, sendAfter } from "@/lib/comments/send-delay";
import { problemFrom, type Problem } from "./problem";

const store = () => createStore("undersigned", "anonymous-tokens");
// Kept per account, so on a shared browser one person's tokens are not offered to another.
const tokensKey = (accountId: string) => `tokens:${accountId}`;
const fetchedKey = (accountId: string) => `fetched:${accountId}`;
const outboxKey = (accountId: string) => `outbox:${accountId}`;
// When this browser last collected tokens: kept here only, never sent (see `collectedAt`).
const collectedAtKey = (accountId: string) => `collected-at:${accountId}`;

export type Thread = { programSlug: string } | { petitionId: string };

/** A comment this browser sent (or is about to send) and has not yet seen published. */
export type Outgoing = {
  id: string;
  token: StoredToken;
  thread: Thread;
  parentId?: string;
  body: string;
  /** The public half of the comment's own answer key (./AuthorKeys.ts, docs/decisions/026). */
  answerKey?: string;
  /** When the server said its batch publishes, ISO; null until the server answered. */
  publishAt: string | null;
  /**
   * Held in this browser, never sent, until this time (ms): written too soon after this browser
   * collected its tokens (lib/comments/send-delay.ts). Null or absent once it may be sent.
   */
  sendAfter?: number | null;
  /** The batch interval (ms) when it was written, to draw a new time if it must wait again. */
  batchMs?: number;
};

/** Why this browser holds no tokens although the week's allowance is used. */
export type Shortage = { allowance: number; renewsOn: string };

export type WalletState = {
  /** Usable tokens in this browser; null while collecting. */
  tokens: number | null;
  keys: KeyInfo[] | null;
  outbox: Outgoing[];
  /** Comments this page saw published (until the page reloads and lists them itself). */
  published: Outgoing[];
  /** Set when the week's tokens were collected somewhere else (or the storage was cleared). */
  shortage: Shortage | null;
  /** The last problem sending a comment, for the box it came from. */
  problems: Record<string, Problem | null>;
  /** When this browser collected its tokens (ms), if it did this week; shown, never sent. */
  collectedAt: number | null;
};

let state: WalletState = { tokens: null, keys: null, outbox: [], published: [], shortage: null, problems: {}, collectedAt: null };
const listeners = new Set<() => void>();

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
export const snapshot = () => state;
const SERVER_STATE = state;
export const serverSnapshot = () => SERVER_STATE;

function setState(patch: Partial<WalletState>) {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

export async function currentKeys(fresh = false): Promise<KeyInfo[]> {
  const res = await fetch("/api/tokens/keys", fresh ? { cache: "no-store" } : undefined);
  if (!res.ok) throw new Error("keys unavailable");
  return ((await res.json()) as { keys: KeyInfo[] }).keys;
}

async function usable(accountId: string, keys: KeyInfo[]): Promise<StoredToken[]> {
  const ids = new Set(keys.map((k) => k.id));
  return ((await get<StoredToken[]>(tokensKey(accountId), store())) ?? []).filter((t) => ids.has(t.keyId));
}

/** Re-reads the store into the shared state, so every box on the page shows the same numbers. */
async function refresh(accountId: string, keys: KeyInfo[]) {
  const ids = new Set(keys.map((k) => k.id));
  const stored = ((await get<Outgoing[]>(outboxKey(accountId), store())) ?? []).filter((o) => ids.has(o.token.keyId));
  // A comment seen published on this page never goes back to waiting, whatever order the
  // answers of overlapping re-sends arrived in.
  const outbox = stored.filter((o) => !wasPublished(o.id));
  const collectedAt = (await get<number>(collectedAtKey(accountId), store())) ?? null;
  setState({ keys, tokens: (await usable(accountId, keys)).length, outbox, collectedAt });
}

let loading: { accountId: string; done: Promise<void> } | null = null;

/**
 * Loads the wallet for the page: collects the week's tokens if this browser has not yet, reads
 * what it holds, and sends again any comment not yet seen published. Every box calls it; the
 * work runs once per page load.
 */
export function loadWallet(accountId: string): Promise<void> {
  if (loading?.accountId === accountId) return loading.done;
  const done = (async () => {
    let keys: KeyInfo[];
    try {
      await ensureWeeklyTokens(accountId);
      keys = await currentKeys();
    } catch {
      setState({ tokens: 0 });
      return;
    }
    await spreadOverdue(accountId);
    await refresh(accountId, keys);
    scheduleResend(accountId);
  })();
  loading = { accountId, done };
  return done;
}

/**
 * Collects the week's whole allowance on the first visit of the week, whether or not the
 * person will write anything, so collecting tokens says nothing about posting. When the
 * allowance was already collected elsewhere, says so (state.shortage).
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
  let keys = await currentKeys(retried);
  // A key list cached from a week that is over (this page stayed open across Monday 00:00 UTC):
  // ask afresh, or this browser would go on as if it had collected this week.
  if (!retried && keys[0] && isPastWeek(keys[0].week, new Date())) keys = await currentKeys(true);
  const current = keys[0];
  if (!current) return;
  const fetchedHere = (await get<string>(fetchedKey(accountId), store())) === current.week;
  if (fetchedHere) return;
  const allowance = await fetch("/api/tokens", { cache: "no-store" });
  if (!allowance.ok) return;
  const info = (await allowance.json()) as { remaining: number; allowance: number; renewsOn: string };
  if (info.remaining > 0) {
    const blinded = await blindNonces(current, info.remaining);
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
    // The database writes the collection down only when the week is over (decision 028), but the
    // collection's request happened now: a comment published in the very next batch would follow
    // it closely. The comment box warns about posting that soon and holds such a comment back.
    await set(collectedAtKey(accountId), Date.now(), store());
  } else {
    // Nothing left to collect and this browser never collected this week: another browser or
    // device did (or this one's storage was cleared). Tokens cannot move: the server cannot tell
    // them apart, so it cannot hand them out twice.
    setState({ shortage: { allowance: info.allowance, renewsOn: info.renewsOn } });
    return;
  }
  await set(fetchedKey(accountId), current.week, store());
}

/** Takes one token out of the store (oldest key first, so last week's are spent before they expire). */
async function takeToken(accountId: string, keys: KeyInfo[]): Promise<StoredToken | null> {
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

async function returnToken(accountId: string, token: StoredToken): Promise<void> {
  await update<StoredToken[]>(tokensKey(accountId), (old) => [token, ...(old ?? [])], store());
}

const putOutgoing = (accountId: string, item: Outgoing) =>
  update<Outgoing[]>(outboxKey(accountId), (old) => [...(old ?? []).filter((o) => o.id !== item.id), item], store());
const dropOutgoing = (accountId: string, id: string) => update<Outgoing[]>(outboxKey(accountId), (old) => (old ?? []).filter((o) => o.id !== id), store());

const wasPublished = (id: string) => state.published.some((p) => p.id === id);

type Answer = { status?: "queued" | "published"; publishAt?: string; error?: { message: string; fields?: Record<string, string> } };

/**
 * Sends (or sends again) one comment, without cookies, and files the answer: queued (keep it,
 * note when it publishes), published (done), refused (drop it; the token goes back unless the
 * refusal was about the token), or no answer (keep it and try again later).
 */
async function send(accountId: string, item: Outgoing, box: string): Promise<"queued" | "published" | "refused" | "offline"> {
  let res: Response;
  let answer: Answer;
  try {
    res = await fetch("/api/comments", {
      method: "POST",
      credentials: "omit",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ thread: item.thread, parentId: item.parentId, body: item.body, answerKey: item.answerKey, token: { keyId: item.token.keyId, nonce: item.token.nonce, signature: item.token.signature } }),
    });
    answer = (await res.json()) as Answer;
  } catch {
    return "offline";
  }
  if (res.ok && answer.status === "published") {
    if (!wasPublished(item.id)) setState({ published: [...state.published, item], outbox: state.outbox.filter((o) => o.id !== item.id) });
    await dropOutgoing(accountId, item.id);
    return "published";
  }
  if (res.ok && answer.status === "queued") {
    // An earlier answer to an overlapping re-send may already have said "published".
    if (wasPublished(item.id)) return "published";
    await putOutgoing(accountId, { ...item, publishAt: answer.publishAt ?? null });
    if (wasPublished(item.id)) await dropOutgoing(accountId, item.id);
    return "queued";
  }
  if (res.status >= 500 || res.status === 429) return "offline";
  await dropOutgoing(accountId, item.id);
  // A token the server refused as spent, invalid or expired is gone; any other refusal happened
  // before the token counted, so it goes back for the next try.
  if (!answer.error?.fields?.token) await returnToken(accountId, item.token);
  setState({ problems: { ...state.problems, [box]: problemFrom(answer.error?.message, "commentRefused") } });
  return "refused";
}

/**
 * A held comment whose time passed while no page of the site was open is sent on the next visit,
 * at a random moment within one batch interval of it, not at the page load itself.
 */
async function spreadOverdue(accountId: string) {
  const now = Date.now();
  await update<Outgoing[]>(
    outboxKey(accountId),
    (old) => (old ?? []).map((o) => (o.sendAfter != null && o.sendAfter < now && !o.publishAt ? { ...o, sendAfter: now + Math.floor(cryptoRandom() * (o.batchMs ?? 0)) } : o)),
    store(),
  );
}

/**
 * Writes a comment: keeps it with its token in the outbox first, then sends it, unless this
 * browser collected its tokens so recently that it must wait (lib/comments/send-delay.ts): then
 * it stays here, unsent, until the drawn time ("held").
 */
export async function postComment(accountId: string, box: string, input: { thread: Thread; parentId?: string; body: string; answerKey?: string }, batchMs: number) {
  // Never write in a week this browser has not collected in (the page may have been open since
  // last week): whoever writes in a week is then among that week's collectors, so the week's
  // record says nothing about which of them wrote after its start (decision 028).
  const turned = await collectIfWeekTurned(accountId);
  const keys = turned?.keys ?? state.keys ?? (await currentKeys());
  setState({ problems: { ...state.problems, [box]: null } });
  const token = await takeToken(accountId, keys);
  if (!token) {
    setState({ problems: { ...state.problems, [box]: { key: "noTokensLeft" } } });
    return "refused" as const;
  }
  // Signed-in requests just went out for the new week: hold the comment as if just collected.
  const collectedAt = turned ? Date.now() : ((await get<number>(collectedAtKey(accountId), store())) ?? null);
  const hold = sendAfter({ now: Date.now(), collectedAt, batchMs });
  const item: Outgoing = { id: crypto.randomUUID(), token, ...input, publishAt: null, sendAfter: hold, batchMs };
  await putOutgoing(accountId, item);
  if (hold !== null) {
    await refresh(accountId, keys);
    scheduleResend(accountId);
    return "held" as const;
  }
  const result = await send(accountId, item, box);
  await refresh(accountId, keys);
  scheduleResend(accountId);
  return result;
}

let timer: ReturnType<typeof setTimeout> | null = null;

/**
 * Sends again what is due: comments never answered, and comments whose batch time has passed
 * (the answer then is "published", or "queued" again if the server lost its queue). A random
 * few seconds after the batch, so the re-sends of many browsers do not line up.
 */
function scheduleResend(accountId: string) {
  if (timer) clearTimeout(timer);
  const now = Date.now();
  const jitter = () => 1000 + Math.floor(Math.random() * 4000);
  // A held comment goes at its drawn time (already random); the others a few seconds after due.
  const due = state.outbox.map((o) => (o.publishAt ? Math.max(now + 1000, new Date(o.publishAt).getTime()) + jitter() : o.sendAfter != null ? Math.max(now, o.sendAfter) : now + 1000 + jitter()));
  if (due.length === 0) return;
  timer = setTimeout(() => void resendDue(accountId), Math.max(0, Math.min(...due) - now));
}

/**
 * Clears a held comment's time so it is sent now; false when it is gone (cancelled, maybe in
 * another tab) or, because this browser collected new tokens meanwhile, it must wait again.
 */
async function release(accountId: string, item: Outgoing): Promise<Outgoing | null> {
  // Held across a week's start: collect this week's tokens first, and wait again after doing so.
  const turned = await collectIfWeekTurned(accountId);
  const collectedAt = turned ? Date.now() : ((await get<number>(collectedAtKey(accountId), store())) ?? null);
  const again = item.batchMs ? sendAfter({ now: Date.now(), collectedAt, batchMs: item.batchMs }) : null;
  let released: Outgoing | null = null;
  await update<Outgoing[]>(
    outboxKey(accountId),
    (old) =>
      (old ?? []).map((o) => {
        if (o.id !== item.id) return o;
        if (again !== null && !o.publishAt) return { ...o, sendAfter: again };
        released = { ...o, sendAfter: null };
        return released;
      }),
    store(),
  );
  return released;
}

/**
 * When the week has turned since this page read its keys (by this browser's clock), collects the
 * new week's tokens and reads the keys afresh; null when it has not (and nothing is asked, so no
 * signed-in request goes out just before an anonymous one). Whatever it asked, the caller holds
 * the comment as if it had just collected.
 */
async function collectIfWeekTurned(accountId: string): Promise<{ keys: KeyInfo[] | null } | null> {
  const newest = state.keys?.[0];
  if (!newest || !isPastWeek(newest.week, new Date())) return null;
  try {
    await ensureWeeklyTokens(accountId);
    const keys = await currentKeys(true);
    await refresh(accountId, keys);
    return { keys };
  } catch {
    // Offline or the key list unavailable: sending will say so.
    return { keys: null };
  }
}

/**
 * Cancels a comment that is still held in this browser: it was never sent, so its token goes
 * back to the wallet. A comment already sent cannot be called back (false).
 */
export async function cancelComment(accountId: string, id: string): Promise<boolean> {
  let cancelled: Outgoing | null = null;
  await update<Outgoing[]>(
    outboxKey(accountId),
    (old) =>
      (old ?? []).filter((o) => {
        if (o.id !== id || o.sendAfter == null || o.publishAt) return true;
        cancelled = o;
        return false;
      }),
    store(),
  );
  const item = cancelled as Outgoing | null;
  if (item) await returnToken(accountId, item.token);
  const keys = state.keys;
  if (keys) await refresh(accountId, keys);
  scheduleResend(accountId);
  return item !== null;
}

let resending = false;

async function resendDue(accountId: string) {
  timer = null;
  const keys = state.keys;
  // One round at a time: two overlapping rounds would send the same comment twice.
  if (!keys || resending) return;
  resending = true;
  try {
    const now = Date.now();
    for (const held of state.outbox) {
      if (held.publishAt && new Date(held.publishAt).getTime() > now) continue;
      if (!held.publishAt && held.sendAfter != null && held.sendAfter > now) continue;
      const item = !held.publishAt && held.sendAfter != null ? await release(accountId, held) : held;
      if (!item) continue;
      const result = await send(accountId, item, item.parentId ?? "main");
      if (result === "offline") break;
    }
    await refresh(accountId, keys);
  } finally {
    resending = false;
  }
  scheduleResend(accountId);
}

/** What this browser holds for the account: unspent tokens and comments not yet seen published. */
export async function heldByAccount(accountId: string): Promise<{ tokens: number; waiting: number }> {
  const tokens = (await get<StoredToken[]>(tokensKey(accountId), store())) ?? [];
  const outbox = (await get<Outgoing[]>(outboxKey(accountId), store())) ?? [];
  return { tokens: tokens.length, waiting: outbox.length };
}

/**
 * Removes everything of this account from the browser: its tokens (which cannot be collected
 * again until next week) and any comment not yet seen published. Signing out keeps them unless
 * the person chooses this.
 */
export async function forgetAccount(accountId: string): Promise<void> {
  await del(tokensKey(accountId), store());
  await del(outboxKey(accountId), store());
  // The week's marker stays: this browser did collect, so it does not claim another device did.
  setState({ tokens: 0, outbox: [] });
}
