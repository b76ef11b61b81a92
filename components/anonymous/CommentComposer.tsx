"use client";

import { useEffect, useId, useState, useSyncExternalStore } from "react";
import { nextWeekStart } from "@/lib/anonymity/week";
import { batchAfter, FRESH_BATCHES, SPREAD_BATCHES } from "@/lib/comments/send-delay";
import { cancelComment, forgetAccount, loadWallet, postComment, serverSnapshot, snapshot, subscribe, type Outgoing, type Thread } from "./wallet";
import { formatDate, formatTime } from "@/components/format";
import { formatInterval } from "./interval";
import { createAnswerKey } from "./AuthorKeys";

type Props = {
  thread: Thread;
  accountId: string;
  parentId?: string;
  label: string;
  compact?: boolean;
  /** Seconds between comment batches. */
  batchSeconds: number;
};

const at = (when: string | number) => formatTime(when);
/** Still in this browser, never sent: written right after collecting (lib/comments/send-delay.ts). */
const held = (o: Outgoing) => o.sendAfter != null && !o.publishAt;
const sameBox = (o: Outgoing, thread: Thread, parentId?: string) => JSON.stringify(o.thread) === JSON.stringify(thread) && (o.parentId ?? null) === (parentId ?? null);

/**
 * Writes an anonymous comment: spends one token through a request that carries no cookie
 * (credentials: "omit"), so the server cannot tell who sent it. Every box on the page shows the
 * one shared wallet (./wallet.ts), so their counts agree.
 */
export function CommentComposer({ thread, accountId, parentId, label, compact, batchSeconds }: Props) {
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
      setStatus("Kept in this browser for now, not sent yet: see below when it goes out and why.");
    } else if (result === "queued" || result === "published") {
      // No page refresh here: a signed-in request right after the cookieless post would let
      // anyone with request logs pair the two. The comment shows below until it is published.
      setBody("");
      setStatus("Sent anonymously. It is published with the next batch, together with everyone else's comments of that time.");
    } else if (result === "offline") {
      setBody("");
      setStatus("Not sent yet: the connection failed. This browser keeps the comment and sends it again while this site is open.");
    }
    setPending(false);
  }

  const tokens = wallet.tokens;
  const renewsOn = formatDate(wallet.shortage?.renewsOn ?? nextWeekStart(new Date()));
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
          {pending ? "Sending…" : compact ? "Reply anonymously" : "Post anonymously"}
        </button>
        <span className="text-sm text-muted" data-testid="tokens-left">
          {tokens === null ? "Collecting this week's tokens…" : `${tokens} anonymous ${tokens === 1 ? "comment" : "comments"} left this week`}
        </span>
      </div>
      {fresh && !compact && (tokens ?? 0) > 0 && (
        <p className="mt-2 text-sm text-amber-900" data-testid="fresh-tokens">
          This browser collected its tokens just now. The database does not record when (it writes down
          the week&apos;s collections only when the week is over), but the request that collected them
          was just now, and a comment published in the next batch could be set against it. So a comment
          you post before{" "}
          {formatTime(freshUntil)} is kept in this browser and sent at a random time over the following{" "}
          {minutes(SPREAD_BATCHES)}, then published in the batch after that, among the collections and
          comments of that time. You see it waiting here and can cancel it until it is sent.
        </p>
      )}
      {tokens === 0 && !compact && (
        <p className="mt-2 text-sm text-muted" data-testid="tokens-why">
          {wallet.shortage
            ? `This week's ${wallet.shortage.allowance} tokens were collected by another browser or device where you are signed in (or this browser's storage was cleared since). Tokens cannot be moved or collected twice: the server cannot tell them apart, which is what keeps comments anonymous. Write from that device, or here once new tokens arrive on ${renewsOn}.`
            : `You have used this browser's anonymous comments for this week. New tokens arrive on ${renewsOn}.`}
        </p>
      )}
      {(waiting.length > 0 || published.length > 0) && (
        <ul className="mt-3 grid gap-2" aria-label="Your comments on their way">
          {waiting.map((o) => (
            <li key={o.id} className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm" data-testid="posted-comment" data-state={held(o) ? "held" : o.publishAt ? "queued" : "unsent"}>
              <p className="text-xs text-muted">
                {held(o)
                  ? `Anonymous · kept in this browser, not sent yet: it goes out at about ${at(o.sendAfter!)} and appears with the batch at about ${at(batchAfter(o.sendAfter!, batchSeconds * 1000))}`
                  : o.publishAt
                    ? `Anonymous · waiting for the batch at about ${at(o.publishAt)}`
                    : "Anonymous · not sent yet; this browser tries again"}
              </p>
              <p className="whitespace-pre-wrap">{o.body.trim()}</p>
              {held(o) && (
                <>
                  <p className="mt-1 text-xs text-muted" data-testid="held-why">
                    Why: this browser collected its tokens less than {minutes(FRESH_BATCHES)} before you wrote
                    it, and a comment that appears right after a collection can point at the collector. It is
                    sent while any page of this site is open in this browser; if you leave, on your next
                    visit.
                  </p>
                  <button type="button" onClick={() => void cancelComment(accountId, o.id)} className="mt-1 rounded-md border border-gray-300 bg-white px-3 py-1 text-xs hover:bg-gray-50">
                    Cancel this comment (the token comes back)
                  </button>
                </>
              )}
            </li>
          ))}
          {published.map((o) => (
            <li key={o.id} className="rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm" data-testid="posted-comment" data-state="published">
              <p className="text-xs text-muted">Anonymous · published; it is listed here when the page reloads</p>
              <p className="whitespace-pre-wrap">{o.body.trim()}</p>
            </li>
          ))}
        </ul>
      )}
      {status && !problem && (
        <p role="status" className="mt-2 text-sm text-emerald-800">{status}</p>
      )}
      {problem && (
        <p role="alert" className="mt-2 text-sm text-red-800">{problem}</p>
      )}
      {!compact && (tokens ?? 0) + wallet.outbox.length > 0 && (
        <details className="mt-3 text-sm text-muted">
          <summary className="cursor-pointer">On a shared computer?</summary>
          <p className="mt-1">
            Signing out keeps your {tokens} unspent {tokens === 1 ? "token" : "tokens"}
            {wallet.outbox.length > 0 ? ` and ${wallet.outbox.length} comment${wallet.outbox.length === 1 ? "" : "s"} not yet published` : ""} in
            this browser for your next sign-in. Removing them means no anonymous comments from this account
            until {renewsOn}{wallet.outbox.length > 0 ? ", and a comment not yet published may be lost" : ""}.
          </p>
          <button type="button" onClick={() => void forgetAccount(accountId)} className="mt-1 rounded-md border border-gray-300 px-3 py-1 hover:bg-gray-50">
            Remove my anonymous tokens from this browser
          </button>
        </details>
      )}
    </form>
  );
}
