"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useState, useSyncExternalStore } from "react";
import { nextWeekStart } from "@/lib/anonymity/week";
import { batchAfter, FRESH_BATCHES, SPREAD_BATCHES } from "@/lib/comments/send-delay";
import { cancelComment, forgetAccount, loadWallet, postComment, serverSnapshot, snapshot, subscribe, type Outgoing, type Thread } from "./wallet";
import { useFormat } from "@/components/format";
import { useFormatInterval } from "./interval";
import { createAnswerKey } from "./AuthorKeys";
import { useProblemText } from "./problem";

type Props = {
  thread: Thread;
  accountId: string;
  parentId?: string;
  label: string;
  compact?: boolean;
  /** Seconds between comment batches. */
  batchSeconds: number;
};

/** Still in this browser, never sent: written right after collecting (lib/comments/send-delay.ts). */
const held = (o: Outgoing) => o.sendAfter != null && !o.publishAt;
const sameBox = (o: Outgoing, thread: Thread, parentId?: string) => JSON.stringify(o.thread) === JSON.stringify(thread) && (o.parentId ?? null) === (parentId ?? null);

/**
 * Writes an anonymous comment: spends one token through a request that carries no cookie
 * (credentials: "omit"), so the server cannot tell who sent it. Every box on the page shows the
 * one shared wallet (./wallet.ts), so their counts agree.
 */
export function CommentComposer({ thread, accountId, parentId, label, compact, batchSeconds }: Props) {
  const t = useTranslations("CommentComposer");
  const f = useFormat();
  const formatInterval = useFormatInterval();
  const say = useProblemText();
  const at = (when: string | number) => f.time(when);
  const id = useId();
  const box = parentId ?? "main";
  const wallet = useSyncExternalStore(subscribe, snapshot, serverSnapshot);
  const [body, setBody] = useState("");
  const [status, setStatus] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    void loadWallet(accountId);
  }, [accountId]);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setStatus(null);
    // A fresh key pair for this comment alone, so its writer can answer questions about it (decision 026).
    const answerKey = await createAnswerKey(accountId).catch(() => undefined);
    const result = await postComment(accountId, box, { thread, parentId, body, answerKey }, batchSeconds * 1000);
    if (result === "held") {
      setBody("");
      setStatus(t("statusHeld"));
    } else if (result === "queued" || result === "published") {
      // No page refresh here: a signed-in request right after the cookieless post would let
      // anyone with request logs pair the two. The comment shows below until it is published.
      setBody("");
      setStatus(t("statusSent"));
    } else if (result === "offline") {
      setBody("");
      setStatus(t("statusOffline"));
    }
    setPending(false);
  }

  const tokens = wallet.tokens;
  const renewsOn = f.date(wallet.shortage?.renewsOn ?? nextWeekStart(new Date()));
  const waiting = wallet.outbox.filter((o) => sameBox(o, thread, parentId));
  const published = wallet.published.filter((o) => sameBox(o, thread, parentId));
  const problem = wallet.problems[box];
  // Collected less than two batches ago: a comment now would be published right after the
  // collection's request (the database writes collections down only when the week is over).
  const [mountedAt] = useState(() => Date.now());
  const freshUntil = wallet.collectedAt ? wallet.collectedAt + 2 * batchSeconds * 1000 : 0;
  const fresh = freshUntil > mountedAt;
  const minutes = (batches: number) => formatInterval(batches * batchSeconds);

  return (
    <form onSubmit={submit} className={compact ? "mt-2" : "mt-4"}>
      <label htmlFor={id} className={compact ? "sr-only" : "block font-semibold"}>{label}</label>
      <textarea
        id={id}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        rows={compact ? 2 : 4}
        maxLength={4000}
        required
        className="mt-1 block w-full rounded-md border border-gray-400 bg-white px-3 py-2"
      />
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending || tokens === null || tokens === 0 || !body.trim()} className="rounded-lg bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-60">
          {pending ? t("sending") : compact ? t("reply") : t("post")}
        </button>
        <span className="text-sm text-muted" data-testid="tokens-left">
          {tokens === null ? t("collecting") : t("left", { count: tokens, formatted: f.count(tokens) })}
        </span>
      </div>
      {fresh && !compact && (tokens ?? 0) > 0 && (
        <p className="mt-2 text-sm text-amber-900" data-testid="fresh-tokens">
          {t("fresh", { time: f.time(freshUntil), spread: minutes(SPREAD_BATCHES) })}
        </p>
      )}
      {tokens === 0 && !compact && (
        <p className="mt-2 text-sm text-muted" data-testid="tokens-why">
          {wallet.shortage
            ? t("shortage", { allowance: f.count(wallet.shortage.allowance), date: renewsOn })
            : t("usedUp", { date: renewsOn })}
        </p>
      )}
      {(waiting.length > 0 || published.length > 0) && (
        <ul className="mt-3 grid gap-2" aria-label={t("onTheirWay")}>
          {waiting.map((o) => (
            <li key={o.id} className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm" data-testid="posted-comment" data-state={held(o) ? "held" : o.publishAt ? "queued" : "unsent"}>
              <p className="text-xs text-muted">
                {held(o)
                  ? t("held", { sendAt: at(o.sendAfter!), publishAt: at(batchAfter(o.sendAfter!, batchSeconds * 1000)) })
                  : o.publishAt
                    ? t("queued", { time: at(o.publishAt) })
                    : t("unsent")}
              </p>
              <p className="whitespace-pre-wrap">{o.body.trim()}</p>
              {held(o) && (
                <>
                  <p className="mt-1 text-xs text-muted" data-testid="held-why">
                    {t("heldWhy", { interval: minutes(FRESH_BATCHES) })}
                  </p>
                  <button type="button" onClick={() => void cancelComment(accountId, o.id)} className="mt-1 rounded-md border border-gray-300 bg-white px-3 py-1 text-xs hover:bg-gray-50">
                    {t("cancel")}
                  </button>
                </>
              )}
            </li>
          ))}
          {published.map((o) => (
            <li key={o.id} className="rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm" data-testid="posted-comment" data-state="published">
              <p className="text-xs text-muted">{t("published")}</p>
              <p className="whitespace-pre-wrap">{o.body.trim()}</p>
            </li>
          ))}
        </ul>
      )}
      {status && !problem && (
        <p role="status" className="mt-2 text-sm text-emerald-800">{status}</p>
      )}
      {problem && (
        <p role="alert" className="mt-2 text-sm text-red-800">{say(problem)}</p>
      )}
      {!compact && (tokens ?? 0) + wallet.outbox.length > 0 && (
        <details className="mt-3 text-sm text-muted">
          <summary className="cursor-pointer">{t("shared")}</summary>
          <p className="mt-1">
            {t(wallet.outbox.length > 0 ? "sharedExplainOutbox" : "sharedExplain", { tokens: tokens ?? 0, formatted: f.count(tokens ?? 0), comments: wallet.outbox.length, date: renewsOn })}
          </p>
          <button type="button" onClick={() => void forgetAccount(accountId)} className="mt-1 rounded-md border border-gray-300 px-3 py-1 hover:bg-gray-50">
            {t("forget")}
          </button>
        </details>
      )}
    </form>
  );
}
