"use client";

import { useEffect, useId, useState } from "react";
import type { KeyInfo } from "@/lib/anonymity/client";
import { countTokens, currentKeys, ensureWeeklyTokens, returnToken, takeToken } from "./wallet";

type Thread = { programSlug: string } | { petitionId: string };

type Props = {
  thread: Thread;
  accountId: string;
  parentId?: string;
  label: string;
  compact?: boolean;
};

/**
 * Writes an anonymous comment: spends one token through a request that carries no cookie
 * (credentials: "omit"), so the server cannot tell who sent it.
 */
export function CommentComposer({ thread, accountId, parentId, label, compact }: Props) {
  const id = useId();
  const [keys, setKeys] = useState<KeyInfo[] | null>(null);
  const [tokens, setTokens] = useState<number | null>(null);
  const [body, setBody] = useState("");
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const [posted, setPosted] = useState<string[]>([]);

  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      let next: { keys: KeyInfo[] | null; count: number };
      try {
        await ensureWeeklyTokens(accountId);
        const k = await currentKeys();
        next = { keys: k, count: await countTokens(accountId, k) };
      } catch {
        next = { keys: null, count: 0 };
      }
      if (cancelled) return;
      setKeys(next.keys);
      setTokens(next.count);
    };
    window.addEventListener("undersigned:tokens", load);
    void load();
    return () => {
      cancelled = true;
      window.removeEventListener("undersigned:tokens", load);
    };
  }, [accountId]);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!keys) return;
    setPending(true);
    setStatus(null);
    const token = await takeToken(accountId, keys);
    if (!token) {
      setStatus({ ok: false, text: "You have used this week's anonymous comments. New ones arrive on Monday." });
      setPending(false);
      return;
    }
    try {
      const res = await fetch("/api/comments", {
        method: "POST",
        credentials: "omit",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ thread, parentId, body, token: { keyId: token.keyId, nonce: token.nonce, signature: token.signature } }),
      });
      const answer = (await res.json()) as { error?: { message: string; fields?: Record<string, string> } };
      if (res.ok) {
        // No page refresh here: a signed-in request right after the cookieless post would let
        // anyone with request logs pair the two. The comment shows locally; others see it on
        // their next visit.
        setPosted((old) => [...old, body.trim()]);
        setBody("");
        setStatus({ ok: true, text: "Posted anonymously." });
      } else {
        // A token the server refused as spent, invalid or expired is gone; any other refusal
        // happened before the token was checked, so it goes back for the next try.
        if (!answer.error?.fields?.token) await returnToken(accountId, token);
        setStatus({ ok: false, text: answer.error?.message ?? "The comment could not be posted." });
      }
    } catch {
      await returnToken(accountId, token);
      setStatus({ ok: false, text: "The comment could not be sent; check your connection and try again." });
    } finally {
      setTokens(await countTokens(accountId, keys));
      setPending(false);
    }
  }

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
          {pending ? "Posting…" : compact ? "Reply anonymously" : "Post anonymously"}
        </button>
        <span className="text-sm text-muted" data-testid="tokens-left">
          {tokens === null ? "Collecting this week's tokens…" : `${tokens} anonymous ${tokens === 1 ? "comment" : "comments"} left this week`}
        </span>
      </div>
      {posted.length > 0 && (
        <ul className="mt-3 grid gap-2" aria-label="Posted just now">
          {posted.map((text, i) => (
            <li key={i} className="rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm" data-testid="posted-comment">
              <p className="text-xs text-muted">Anonymous · just now</p>
              <p className="whitespace-pre-wrap">{text}</p>
            </li>
          ))}
        </ul>
      )}
      {status && (
        <p role={status.ok ? "status" : "alert"} className={`mt-2 text-sm ${status.ok ? "text-emerald-800" : "text-red-800"}`}>
          {status.text}
        </p>
      )}
    </form>
  );
}
