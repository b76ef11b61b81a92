"use client";

// The anonymous half of the sign panel (decision 018): the token this browser holds for the
// petition, the cookieless signature and withdrawal, and what to do on another device.
import { useState, useSyncExternalStore } from "react";
import { CopyLink } from "../CopyLink";
import { formatTime } from "../format";
import { currentAccount, exportTokens, importTokens, sendAnonymous, serverSnapshot, snapshot, subscribe } from "./sign-wallet";

export function useSignToken(petitionId: string) {
  const state = useSyncExternalStore(subscribe, snapshot, serverSnapshot);
  return { ready: state.ready, held: state.held[petitionId] ?? null, waiting: state.outbox.find((o) => o.petitionId === petitionId) ?? null, problem: state.problems[petitionId] || null };
}

/** Signs anonymously with this browser's token; returns false when there is none. */
export async function signAnonymously(petitionId: string): Promise<boolean> {
  const account = currentAccount();
  if (!account) return false;
  return (await sendAnonymous(account, petitionId, "sign")) !== "refused";
}

/**
 * Shown once this browser signed the petition anonymously (or is about to). With `sharePath`, the
 * share step follows a signature just sent, as it does after signing by name.
 */
export function AnonymousStatus({ petitionId, sharePath }: { petitionId: string; sharePath?: string }) {
  const { held, waiting, problem } = useSignToken(petitionId);
  const [busy, setBusy] = useState(false);
  // Withdrawing asks first, as for a named signature: one stray click must not undo a signature.
  const [confirming, setConfirming] = useState(false);
  const account = currentAccount();
  if (!held || (held.signed !== "anonymously" && !waiting)) return problem ? <p role="alert" className="mt-2 text-sm text-red-700">{problem}</p> : null;
  const withdrawing = waiting?.op === "withdraw";
  return (
    <div data-testid="anonymous-status">
      <div role="status">
        <p className="font-semibold">
          {withdrawing ? "Your anonymous signature is being withdrawn." : waiting?.op === "sign" ? "Your anonymous signature is queued." : "You signed this petition anonymously."}
        </p>
        <p className="text-sm text-muted">
          {waiting
            ? `It is written with everyone else's in the next batch${waiting.publishAt ? `, at ${formatTime(waiting.publishAt)} or later` : ""} (within the hour), so the moment you signed is not stored. This browser keeps it and sends it again until it is counted.`
            : "Only this browser knows: the server stores your signature without your account, and a token nobody can trace back to you."}
        </p>
      </div>
      {sharePath && waiting?.op === "sign" && (
        <div className="mt-3 rounded-lg bg-brand/5 p-3 ring-1 ring-brand/30" data-testid="share-step">
          <p className="font-semibold">One more step: ask colleagues to sign</p>
          <p className="mb-2 text-sm text-muted">Petitions grow when people pass them on. Copy the link into a message or a chat.</p>
          <CopyLink path={sharePath} label="Link to share after signing" />
        </div>
      )}
      {!waiting && account && confirming && (
        <div className="mt-3 rounded-lg border border-red-300 bg-red-50/50 p-3" data-testid="withdraw-confirm">
          <p className="font-semibold">Withdraw your anonymous signature?</p>
          <p className="text-sm">It leaves the count with the next batch. You can sign again while the petition is open, with this browser&apos;s token.</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button
              type="button"
              disabled={busy}
              className="rounded-lg border border-red-700 bg-white px-4 py-2 font-semibold text-red-800 hover:bg-red-50 disabled:opacity-60"
              onClick={async () => {
                setBusy(true);
                await sendAnonymous(account, petitionId, "withdraw");
                setBusy(false);
                setConfirming(false);
              }}
            >
              {busy ? "Withdrawing…" : "Yes, withdraw my signature"}
            </button>
            <button type="button" onClick={() => setConfirming(false)} className="rounded-lg border border-gray-400 bg-white px-4 py-2 font-semibold hover:bg-gray-50">
              Keep my signature
            </button>
          </div>
        </div>
      )}
      {!waiting && account && !confirming && (
        <button
          type="button"
          className="mt-3 rounded-lg border border-gray-400 bg-white px-4 py-2 font-semibold hover:bg-gray-50"
          onClick={() => setConfirming(true)}
        >
          Withdraw my anonymous signature
        </button>
      )}
      {problem && <p role="alert" className="mt-2 text-sm text-red-700">{problem}</p>}
    </div>
  );
}

/** Why this browser cannot sign, and the remedy: bring the tokens from the device that has them. */
export function NoTokenNote() {
  return (
    <p className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm" data-testid="no-token">
      This browser holds no signing token for this petition. Each person gets one token per petition, in the first browser
      that opens a page listing it; the server cannot give you a second one (you could then sign twice), and it cannot tell
      whether your token has already signed. If you use another device or cleared this browser, sign from the device that
      has your tokens, or use &ldquo;Take your tokens to another device&rdquo; there and import the file here. If the tokens
      are lost, you cannot sign this petition, by name or anonymously.
    </p>
  );
}

/** Export and import of this account's signing tokens. */
export function TokenTransfer() {
  const [message, setMessage] = useState("");
  const account = currentAccount();
  if (!account) return null;
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer">Take your tokens to another device</summary>
      <p className="mt-1 text-muted">The file holds your unspent signing tokens: whoever has it can sign in your place, so keep it private and delete it after importing.</p>
      <div className="mt-2 flex flex-wrap gap-2">
        <button
          type="button"
          className="rounded border border-gray-400 px-3 py-1"
          onClick={async () => {
            const blob = new Blob([await exportTokens(account)], { type: "application/json" });
            const a = document.createElement("a");
            a.href = URL.createObjectURL(blob);
            a.download = "undersigned-tokens.json";
            a.click();
            URL.revokeObjectURL(a.href);
          }}
        >
          Export my tokens
        </button>
        <label className="rounded border border-gray-400 px-3 py-1">
          Import tokens
          <input
            type="file"
            accept="application/json"
            className="sr-only"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              try {
                setMessage(`Imported ${await importTokens(account, await file.text())} tokens.`);
              } catch (error) {
                setMessage(error instanceof Error ? error.message : "That file could not be read.");
              }
            }}
          />
        </label>
      </div>
      {message && <p role="status" className="mt-1">{message}</p>}
    </details>
  );
}
