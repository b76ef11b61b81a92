"use client";

// The anonymous half of the sign panel (decision 018): the token this browser holds for the
// petition, the cookieless signature and withdrawal, and what to do on another device.
import { useTranslations } from "next-intl";
import { useState, useSyncExternalStore } from "react";
import { ShareStep } from "../CopyLink";
import { useFormat } from "../format";
import { useProblemText, WalletProblemError } from "./problem";
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
  const t = useTranslations("AnonymousSign");
  const sign = useTranslations("SignPanel");
  const f = useFormat();
  const say = useProblemText();
  const { held, waiting, problem } = useSignToken(petitionId);
  const [busy, setBusy] = useState(false);
  // Withdrawing asks first, as for a named signature: one stray click must not undo a signature.
  const [confirming, setConfirming] = useState(false);
  const account = currentAccount();
  if (!held || (held.signed !== "anonymously" && !waiting)) return problem ? <p role="alert" className="mt-2 text-sm text-red-700">{say(problem)}</p> : null;
  const withdrawing = waiting?.op === "withdraw";
  return (
    <div data-testid="anonymous-status">
      <div role="status">
        <p className="font-semibold">
          {withdrawing ? t("beingWithdrawn") : waiting?.op === "sign" ? t("queued") : t("signed")}
        </p>
        <p className="text-sm text-muted">
          {waiting
            ? waiting.publishAt
              ? t("waitingAt", { time: f.time(waiting.publishAt) })
              : t("waiting")
            : t("onlyThisBrowser")}
        </p>
      </div>
      {sharePath && waiting?.op === "sign" && (
        <ShareStep path={sharePath} />
      )}
      {!waiting && account && confirming && (
        <div className="mt-3 rounded-lg border border-red-300 bg-red-50/50 p-3" data-testid="withdraw-confirm">
          <p className="font-semibold">{t("withdrawQuestion")}</p>
          <p className="text-sm">{t("withdrawExplain")}</p>
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
              {busy ? sign("withdrawing") : sign("withdrawYes")}
            </button>
            <button type="button" onClick={() => setConfirming(false)} className="rounded-lg border border-gray-400 bg-white px-4 py-2 font-semibold hover:bg-gray-50">
              {sign("keep")}
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
          {t("withdraw")}
        </button>
      )}
      {problem && <p role="alert" className="mt-2 text-sm text-red-700">{say(problem)}</p>}
    </div>
  );
}

/** Why this browser cannot sign, and the remedy: bring the tokens from the device that has them. */
export function NoTokenNote() {
  const t = useTranslations("AnonymousSign");
  return (
    <p className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm" data-testid="no-token">
      {t("noToken")}
    </p>
  );
}

/** Export and import of this account's signing tokens. */
export function TokenTransfer() {
  const t = useTranslations("AnonymousSign");
  const say = useProblemText();
  const [message, setMessage] = useState("");
  const account = currentAccount();
  if (!account) return null;
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer">{t("transfer")}</summary>
      <p className="mt-1 text-muted">{t("transferExplain")}</p>
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
          {t("export")}
        </button>
        <label className="rounded border border-gray-400 px-3 py-1">
          {t("import")}
          <input
            type="file"
            accept="application/json"
            className="sr-only"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              try {
                setMessage(t("imported", { count: await importTokens(account, await file.text()) }));
              } catch (error) {
                // A file that is not JSON at all is as unreadable as one of the wrong kind.
                setMessage(error instanceof WalletProblemError ? say({ key: error.key }) : t("unreadable"));
              }
            }}
          />
        </label>
      </div>
      {message && <p role="status" className="mt-1">{message}</p>}
    </details>
  );
}
