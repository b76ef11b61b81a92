// The browser's signing tokens (decision 018): one per open petition, collected for every open
// petition on the first page load that sees it, whether or not the person will sign, and kept in
// IndexedDB per account. An anonymous signature (or withdrawal) is kept in an outbox with its
// token until the server answers "counted" (or "withdrawn"): the server only queues it in memory
// until the next batch, so after a crash this browser sends it again and the server counts it once.
import { createStore, get, update } from "idb-keyval";
import { blindForPetitions, finalizeForPetitions, type SignKeyInfo, type SignTokenHeld } from "@/lib/anonymity/client";
import { problemFrom, WalletProblemError, type Problem } from "./problem";

const store = () => createStore("undersigned-signing", "tokens");
const tokensKey = (accountId: string) => `sign-tokens:${accountId}`;
const outboxKey = (accountId: string) => `sign-outbox:${accountId}`;

/** What this browser knows about its token for a petition. */
export type Held = { token: SignTokenHeld; signed: "no" | "anonymously" | "by-name" };
type Op = "sign" | "withdraw" | "attach";
export type Outgoing = { petitionId: string; op: Op; token: SignTokenHeld; publishAt: string | null };

export type SignWalletState = {
  ready: boolean;
  held: Record<string, Held>;
  outbox: Outgoing[];
  problems: Record<string, Problem | null>;
};

let state: SignWalletState = { ready: false, held: {}, outbox: [], problems: {} };
const SERVER_STATE = state;
const listeners = new Set<() => void>();
export const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
export const snapshot = () => state;
/** Resolves once this page's wallet has loaded: collected what it lacked and read its tokens. */
export function walletReady(): Promise<void> {
  if (state.ready) return Promise.resolve();
  return new Promise((resolve) => {
    const off = subscribe(() => {
      if (!state.ready) return;
      off();
      resolve();
    });
  });
}
export const serverSnapshot = () => SERVER_STATE;
function setState(patch: Partial<SignWalletState>) {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

async function refresh(accountId: string) {
  setState({
    held: (await get<Record<string, Held>>(tokensKey(accountId), store())) ?? {},
    outbox: (await get<Outgoing[]>(outboxKey(accountId), store())) ?? [],
  });
}

const putHeld = (accountId: string, petitionId: string, patch: Partial<Held>) =>
  update<Record<string, Held>>(tokensKey(accountId), (old) => ({ ...(old ?? {}), [petitionId]: { ...(old ?? {})[petitionId]!, ...patch } }), store());
const putOutgoing = (accountId: string, item: Outgoing) =>
  update<Outgoing[]>(outboxKey(accountId), (old) => [...(old ?? []).filter((o) => o.petitionId !== item.petitionId), item], store());
const dropOutgoing = (accountId: string, petitionId: string) => update<Outgoing[]>(outboxKey(accountId), (old) => (old ?? []).filter((o) => o.petitionId !== petitionId), store());

/** Collects the tokens of every open petition this account has none for, in one request. */
async function collect(accountId: string) {
  const res = await fetch("/api/petitions/tokens", { cache: "no-store" });
  if (!res.ok) return;
  const { petitions } = (await res.json()) as { petitions: (SignKeyInfo & { legacy: boolean })[] };
  if (petitions.length === 0) return;
  const blinded = await blindForPetitions(petitions);
  const answer = await fetch("/api/petitions/tokens", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ tokens: blinded.map((b) => ({ petitionId: b.petitionId, keyId: b.keyId, blindedMessage: b.blindedMessage })) }),
  });
  if (!answer.ok) return;
  const { issued } = (await answer.json()) as { issued: { petitionId: string; blindSignature: string; legacy: boolean }[] };
  const tokens = await finalizeForPetitions(blinded, issued);
  const legacy = new Set(issued.filter((i) => i.legacy).map((i) => i.petitionId));
  await update<Record<string, Held>>(
    tokensKey(accountId),
    (old) => {
      const next = { ...(old ?? {}) };
      for (const t of tokens) next[t.petitionId] = { token: t, signed: legacy.has(t.petitionId) ? "anonymously" : "no" };
      return next;
    },
    store(),
  );
  // A signature made before tokens existed: attach this token to it (in a batch), so it can be withdrawn.
  for (const t of tokens) if (legacy.has(t.petitionId)) await putOutgoing(accountId, { petitionId: t.petitionId, op: "attach", token: t, publishAt: null });
}

let loading: { accountId: string; done: Promise<void> } | null = null;
let account: string | null = null;
/** The signed-in account whose wallet this page loaded (set by TokenWallet). */
export const currentAccount = () => account;

/** Collects missing tokens and sends again what waits. Runs once per page load. */
export function loadSignWallet(accountId: string): Promise<void> {
  if (loading?.accountId === accountId) return loading.done;
  account = accountId;
  const done = (async () => {
    try {
      await collect(accountId);
    } catch {
      // Offline: the panel explains if someone tries to sign.
    }
    await refresh(accountId);
    setState({ ready: true });
    void resendDue(accountId);
  })();
  loading = { accountId, done };
  return done;
}

type Answer = { status?: "queued" | "counted" | "withdrawn"; publishAt?: string; error?: { message: string; fields?: Record<string, string> } };
const METHOD: Record<Op, string> = { sign: "POST", withdraw: "DELETE", attach: "PUT" };

/** Sends one item without cookies and files the answer. */
async function send(accountId: string, item: Outgoing): Promise<"queued" | "done" | "refused" | "offline"> {
  let res: Response;
  let answer: Answer;
  try {
    res = await fetch(`/api/petitions/${encodeURIComponent(item.petitionId)}/anonymous-signature`, {
      method: METHOD[item.op],
      credentials: "omit",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: { nonce: item.token.nonce, signature: item.token.signature } }),
    });
    answer = (await res.json()) as Answer;
  } catch {
    return "offline";
  }
  if (res.ok && answer.status === "queued") {
    await putOutgoing(accountId, { ...item, publishAt: answer.publishAt ?? null });
    return "queued";
  }
  if (res.ok) {
    await dropOutgoing(accountId, item.petitionId);
    await putHeld(accountId, item.petitionId, { signed: item.op === "withdraw" ? "no" : "anonymously" });
    return "done";
  }
  if (res.status >= 500 || res.status === 429) return "offline";
  await dropOutgoing(accountId, item.petitionId);
  setState({ problems: { ...state.problems, [item.petitionId]: problemFrom(answer.error?.message, "signatureRefused") } });
  return "refused";
}

/** Signs (or withdraws) anonymously: files the item in the outbox first, then sends it. */
export async function sendAnonymous(accountId: string, petitionId: string, op: "sign" | "withdraw") {
  const held = state.held[petitionId];
  if (!held) return "refused" as const;
  setState({ problems: { ...state.problems, [petitionId]: null } });
  const item: Outgoing = { petitionId, op, token: held.token, publishAt: null };
  await putOutgoing(accountId, item);
  const result = await send(accountId, item);
  await refresh(accountId);
  schedule(accountId);
  return result;
}

let timer: ReturnType<typeof setTimeout> | null = null;
function schedule(accountId: string) {
  if (timer) clearTimeout(timer);
  if (state.outbox.length === 0) return;
  const due = Math.min(...state.outbox.map((o) => (o.publishAt ? new Date(o.publishAt).getTime() : Date.now())));
  // A random few seconds after the batch, so the re-sends of many browsers do not line up.
  timer = setTimeout(() => void resendDue(accountId), Math.max(1000, due - Date.now()) + 1000 + Math.floor(Math.random() * 3000));
}

let resending = false;
async function resendDue(accountId: string) {
  timer = null;
  if (resending) return;
  resending = true;
  try {
    for (const item of state.outbox) {
      if (item.publishAt && new Date(item.publishAt).getTime() > Date.now()) continue;
      if ((await send(accountId, item)) === "offline") break;
    }
    await refresh(accountId);
  } finally {
    resending = false;
  }
  schedule(accountId);
}

/** The wallet as a file: the tokens of this account, to take to another device. */
export async function exportTokens(accountId: string): Promise<string> {
  return JSON.stringify({ kind: "undersigned-signing-tokens", held: (await get<Record<string, Held>>(tokensKey(accountId), store())) ?? {} });
}

/** Takes tokens from another device's export; tokens this browser holds already stay. */
export async function importTokens(accountId: string, text: string): Promise<number> {
  const parsed = JSON.parse(text) as { kind?: string; held?: Record<string, Held> };
  if (parsed.kind !== "undersigned-signing-tokens" || !parsed.held) throw new WalletProblemError("notAnExport");
  let added = 0;
  await update<Record<string, Held>>(
    tokensKey(accountId),
    (old) => {
      const next = { ...(old ?? {}) };
      for (const [id, h] of Object.entries(parsed.held!)) {
        if (!next[id] && h?.token?.nonce && h.token.signature) {
          next[id] = h;
          added++;
        }
      }
      return next;
    },
    store(),
  );
  await refresh(accountId);
  return added;
}
