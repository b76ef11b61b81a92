"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useState } from "react";
import { revealAuthorshipAction } from "@/app/comments/actions";
import { useFormat } from "@/components/format";
import { initialActionState } from "@/lib/http/action-state";
import { answerAsAuthor, ownKeys, pendingAnswers, resendDue, signReveal, type OutgoingAnswer } from "./AuthorKeys";
import { useProblemText, type Problem } from "./problem";
import type { Thread } from "./wallet";

type Question = { id: string; askedBy: { name: string; role: "leadership" | "organizer" }; bodyHtml: string; answer: { bodyHtml: string } | null };
type Comment = { id: string; bodyHtml: string | null; hidden: unknown; answerKey: string | null; revealed: { name: string } | null; questions: Question[]; replies?: Comment[] };
type Page = { items: Comment[]; nextCursor: string | null };

/** This browser's comments in the thread, with the questions asked about them. */
type Mine = { comment: Comment; questions: Question[] };

/**
 * Reads the public thread, exactly as anyone may, without cookies: the same request for every
 * viewer of the page, whether or not this browser wrote anything, so reading it says nothing.
 */
async function readThread(thread: Thread): Promise<Comment[]> {
  const base = "programSlug" in thread ? `/api/programs/${encodeURIComponent(thread.programSlug)}/comments` : `/api/petitions/${encodeURIComponent(thread.petitionId)}/comments`;
  const all: Comment[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 10; page++) {
    const res = await fetch(`${base}?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { credentials: "omit", cache: "no-store" });
    if (!res.ok) break;
    const data = (await res.json()) as Page;
    for (const c of data.items) all.push(c, ...(c.replies ?? []));
    cursor = data.nextCursor;
    if (!cursor) break;
  }
  return all;
}

/**
 * Shows the writer of an anonymous comment, and only them (only this browser holds the comment's
 * key), the questions asked about it, and lets them answer as its author (docs/decisions/026).
 * It polls the public thread; nothing it sends identifies anyone.
 */
export function AuthorQuestions({ thread, accountId, pollSeconds = 30 }: { thread: Thread; accountId: string; pollSeconds?: number }) {
  const t = useTranslations("AuthorAnswer");
  const [mine, setMine] = useState<Mine[]>([]);
  const [pending, setPending] = useState<OutgoingAnswer[]>([]);
  const threadKey = JSON.stringify(thread);

  const poll = useCallback(async () => {
    const [comments, keys] = await Promise.all([readThread(JSON.parse(threadKey) as Thread), ownKeys(accountId)]);
    // A comment a moderator hid takes no answers and cannot be revealed; it is left out.
    const own = comments.filter((c) => !c.hidden && c.answerKey && keys[c.answerKey]).map((comment) => ({ comment, questions: comment.questions }));
    const answered = new Set(comments.flatMap((c) => c.questions.filter((q) => q.answer).map((q) => q.id)));
    await resendDue(accountId, answered);
    setMine(own);
    setPending(await pendingAnswers(accountId));
  }, [threadKey, accountId]);

  useEffect(() => {
    let stopped = false;
    const run = () => void poll().catch(() => undefined);
    run();
    const timer = setInterval(() => {
      if (!stopped && document.visibilityState === "visible") run();
    }, pollSeconds * 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [poll, pollSeconds]);

  const open = mine.flatMap((m) => m.questions.filter((q) => !q.answer).map((q) => ({ ...q, commentId: m.comment.id })));
  if (mine.length === 0) return null;
  return (
    <section aria-labelledby="author-questions-heading" className="mt-4 rounded-lg border border-violet-300 bg-violet-50 p-4" data-testid="author-questions">
      <h3 id="author-questions-heading" className="font-semibold">
        {open.length > 0
          ? t("asked", { comments: new Set(open.map((q) => q.commentId)).size, questions: open.length })
          : t("yours")}
      </h3>
      <p className="mt-1 text-sm text-muted">{t("onlyThisBrowser")}</p>
      <ul className="mt-3 grid gap-4">
        {mine.map(({ comment, questions }) => (
          <li key={comment.id} className="rounded-md border border-violet-200 bg-white p-3">
            <p className="text-xs text-muted">{comment.revealed ? t("yourCommentNamed", { name: comment.revealed.name }) : t("yourComment")}</p>
            <div className="prose-user text-sm" dangerouslySetInnerHTML={{ __html: comment.bodyHtml ?? "" }} />
            <ol className="mt-2 grid gap-3">
              {questions.map((q) => (
                <li key={q.id}>
                  <p className="text-xs text-muted">
                    {t("questionFrom", { name: q.askedBy.name, role: q.askedBy.role })}
                  </p>
                  <div className="prose-user text-sm" dangerouslySetInnerHTML={{ __html: q.bodyHtml }} />
                  {q.answer ? (
                    <p className="mt-1 text-sm text-emerald-800">{t("answered")}</p>
                  ) : (
                    <AnswerForm accountId={accountId} comment={comment} question={q} pending={pending.find((p) => p.questionId === q.id)} onSent={poll} />
                  )}
                </li>
              ))}
            </ol>
            {!comment.revealed && <RevealForm accountId={accountId} comment={comment} onDone={poll} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Putting one's name on a comment, for good (decision 026): this browser signs, with the
 * comment's key, a statement naming the comment and the signed-in account, and sends it signed in.
 */
function RevealForm({ accountId, comment, onDone }: { accountId: string; comment: Comment; onDone: () => Promise<void> }) {
  const t = useTranslations("AuthorAnswer");
  const id = useId();
  const [sure, setSure] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message?: string } | null>(null);

  async function reveal() {
    setBusy(true);
    const proof = await signReveal(accountId, { commentId: comment.id, answerKey: comment.answerKey! });
    if (!proof) {
      setResult({ ok: false, message: t("noKey") });
    } else {
      const data = new FormData();
      for (const [k, v] of Object.entries(proof)) data.set(k, v);
      setResult(await revealAuthorshipAction(initialActionState, data));
      await onDone().catch(() => undefined);
    }
    setBusy(false);
  }

  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer font-medium text-brand">{t("reveal")}</summary>
      <p className="mt-1 text-muted">{t("revealExplain")}</p>
      <p className="mt-1">
        <input id={id} type="checkbox" checked={sure} onChange={(e) => setSure(e.target.checked)} className="mr-2" />
        <label htmlFor={id}>{t("revealSure")}</label>
      </p>
      <button type="button" onClick={() => void reveal()} disabled={!sure || busy} className="mt-2 rounded-lg border border-gray-400 bg-white px-4 py-2 font-semibold hover:bg-gray-50 disabled:opacity-60">
        {busy ? t("revealing") : t("revealSubmit")}
      </button>
      {result && <p role={result.ok ? "status" : "alert"} className={`mt-2 ${result.ok ? "text-emerald-800" : "text-red-800"}`}>{result.message}</p>}
    </details>
  );
}

function AnswerForm({ accountId, comment, question, pending, onSent }: { accountId: string; comment: Comment; question: Question; pending?: OutgoingAnswer; onSent: () => Promise<void> }) {
  const t = useTranslations("AuthorAnswer");
  const f = useFormat();
  const id = useId();
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const say = useProblemText();
  const [problem, setProblem] = useState<Problem | null>(null);

  if (pending) {
    return (
      <p role="status" className="mt-1 rounded-md bg-amber-50 p-2 text-sm" data-testid="answer-waiting">
        {t.rich(pending.publishAt ? "sentAt" : "sent", {
          time: f.time(pending.publishAt),
          body: () => <span className="whitespace-pre-wrap">{pending.body}</span>,
        })}
      </p>
    );
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    const result = await answerAsAuthor(accountId, { commentId: comment.id, answerKey: comment.answerKey!, questionId: question.id, body });
    if (!result.ok) setProblem(result.problem);
    await onSent().catch(() => undefined);
    setBusy(false);
  }

  return (
    <form onSubmit={submit} className="mt-2">
      <label htmlFor={id} className="block text-sm font-medium">{t("answerLabel")}</label>
      <textarea id={id} value={body} onChange={(e) => setBody(e.target.value)} rows={3} maxLength={4000} required className="mt-1 block w-full rounded-md border border-gray-400 bg-white px-3 py-2" />
      <button type="submit" disabled={busy || !body.trim()} className="mt-2 rounded-lg bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-60">
        {busy ? t("sending") : t("answerSubmit")}
      </button>
      {problem && <p role="alert" className="mt-2 text-sm text-red-800">{say(problem)}</p>}
    </form>
  );
}
