import { askQuestionAction, flagCommentAction } from "@/app/comments/actions";
import { ActionForm, FormField } from "@/components/ActionForm";
import { formatCount, formatDate } from "@/components/format";
import type { Actor } from "@/lib/auth/actor";
import { commentBatchSeconds, FLAG_REASONS, type Crowd, type PublicComment } from "@/lib/comments";
import { mayAsk } from "@/lib/petitions/policy";
import { AuthorQuestions } from "./AuthorAnswer";
import { CommentComposer } from "./CommentComposer";
import { formatInterval } from "./interval";

type Props = {
  thread: { programSlug: string } | { petitionId: string };
  comments: PublicComment[];
  actor: Actor | null;
  fingerprint: string;
  path: string;
  /** How many people each comment hides among (commentCrowd), loaded by the page. */
  crowd: Crowd;
  /** The viewer organizes the petition discussed (organizers may ask writers questions there). */
  organizer?: boolean;
};

export function Discussion({ thread, comments, actor, fingerprint, path, crowd, organizer = false }: Props) {
  // Who may ask a writer a question: the one policy (lib/petitions/policy.ts, decision 026).
  const canAsk = mayAsk(actor, { organizer: organizer && "petitionId" in thread });
  return (
    <section aria-labelledby="discussion-heading" className="mt-10">
      <h2 id="discussion-heading" className="text-2xl font-bold">Anonymous discussion</h2>
      <AnonymityNotice fingerprint={fingerprint} crowd={crowd} batchMinutes={commentBatchSeconds() / 60} />
      {actor ? (
        <>
          <AuthorQuestions thread={thread} accountId={actor.id} />
          <CommentComposer thread={thread} accountId={actor.id} label="Your anonymous comment" batchSeconds={commentBatchSeconds()} />
        </>
      ) : (
        <p className="mt-4"><a href={`/signin?callbackUrl=${encodeURIComponent(path)}`} className="font-semibold text-brand underline">Sign in</a> to comment anonymously.</p>
      )}
      {comments.length === 0 ? (
        <p className="mt-6 text-muted">No comments yet.</p>
      ) : (
        <ol className="mt-6 grid gap-4" data-testid="comments">
          {comments.map((c) => (
            <li key={c.id}>
              <Comment comment={c} actor={actor} path={path} canAsk={canAsk} />
              {c.replies.length > 0 && (
                <ol className="ml-6 mt-2 grid gap-2 border-l-2 border-gray-200 pl-4" aria-label="Replies">
                  {c.replies.map((r) => (
                    <li key={r.id}><Comment comment={r} actor={actor} path={path} canAsk={canAsk} /></li>
                  ))}
                </ol>
              )}
              {actor && !c.hidden && (
                <details className="ml-6 mt-1">
                  <summary className="cursor-pointer text-sm font-medium text-brand">Reply</summary>
                  <CommentComposer thread={thread} accountId={actor.id} parentId={c.id} label="Your anonymous reply" compact batchSeconds={commentBatchSeconds()} />
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Comment({ comment, actor, path, canAsk }: { comment: PublicComment; actor: Actor | null; path: string; canAsk: boolean }) {
  return (
    <article className="rounded-lg border border-gray-200 bg-white p-3" data-comment-id={comment.id}>
      <p className="text-xs text-muted">
        {comment.revealed ? (
          <span data-testid="revealed-writer">
            <strong className="text-gray-900">{comment.revealed.name}</strong> (written anonymously; the writer revealed their name on {formatDate(comment.revealed.day)})
          </span>
        ) : (
          "Anonymous"
        )}{" "}
        · <time dateTime={comment.day}>{formatDate(comment.day)}</time>
      </p>
      {comment.hidden ? (
        <p className="mt-1 italic text-muted">Hidden by a moderator: {comment.hidden.reason}</p>
      ) : (
        <div className="prose-user" dangerouslySetInnerHTML={{ __html: comment.bodyHtml ?? "" }} />
      )}
      {comment.questions.length > 0 && (
        <ol className="mt-2 grid gap-2" aria-label="Questions to the writer">
          {comment.questions.map((q) => (
            <li key={q.id} className="rounded-md border-l-4 border-violet-400 bg-violet-50 px-3 py-2" data-testid="comment-question">
              <p className="text-xs text-muted">
                <strong className="text-gray-900">{q.askedBy.name}</strong> · {q.askedBy.role === "leadership" ? "Leadership" : "Organizer of this petition"} asked ·{" "}
                <time dateTime={q.day}>{formatDate(q.day)}</time>
              </p>
              <div className="prose-user text-sm" dangerouslySetInnerHTML={{ __html: q.bodyHtml }} />
              {q.answer ? (
                <div className="mt-2 rounded-md bg-white px-3 py-2" data-testid="author-answer">
                  <p className="text-xs text-muted">
                    <span className="rounded-full bg-violet-700 px-2 py-0.5 font-semibold text-white">the author</span> answered anonymously ·{" "}
                    <time dateTime={q.answer.day}>{formatDate(q.answer.day)}</time>
                  </p>
                  <div className="prose-user text-sm" dangerouslySetInnerHTML={{ __html: q.answer.bodyHtml }} />
                </div>
              ) : (
                <p className="mt-1 text-xs text-muted">Only the writer can answer, as &ldquo;the author&rdquo;; no answer yet.</p>
              )}
            </li>
          ))}
        </ol>
      )}
      {canAsk && !comment.hidden && comment.answerKey && (
        <details className="mt-1 text-sm">
          <summary className="cursor-pointer font-medium text-brand">Ask the writer a question</summary>
          <ActionForm action={askQuestionAction} hidden={{ commentId: comment.id }} submitLabel="Ask on the record" pendingLabel="Asking…">
            <FormField name="body" id={`ask-${comment.id}`} label="Your question" hint="Shown with your name and role. Only the writer can answer it, anonymously.">
              <textarea id={`ask-${comment.id}`} name="body" rows={2} maxLength={2000} required className="mt-1 block w-full rounded-md border border-gray-400 bg-white px-3 py-2" />
            </FormField>
          </ActionForm>
        </details>
      )}
      {actor && !comment.hidden && (
        <details className="mt-1 text-sm">
          <summary className="cursor-pointer text-muted">Flag for moderators</summary>
          <ActionForm action={flagCommentAction} hidden={{ commentId: comment.id, path }} submitLabel="Flag" variant="secondary">
            <label htmlFor={`flag-${comment.id}`} className="mt-2 block">Reason</label>
            <select id={`flag-${comment.id}`} name="reason" className="mt-1 rounded-md border border-gray-400 bg-white px-2 py-1">
              {FLAG_REASONS.map((r) => <option key={r}>{r}</option>)}
            </select>
          </ActionForm>
        </details>
      )}
    </article>
  );
}


/** What the anonymity protects and what it cannot, said where people write. */
export function AnonymityNotice({ fingerprint, crowd, batchMinutes }: { fingerprint: string; crowd: Crowd; batchMinutes: number }) {
  return (
    <div className="mt-3 rounded-lg border border-blue-200 bg-blue-50 p-4 text-sm text-blue-950">
      <p>
        <strong>Nobody can tell who wrote a comment here</strong>, not leadership, not the people who run
        Undersigned, not someone with its database, logs and keys. Your browser collects this week&apos;s
        tokens on its own, blinded so the server cannot recognise them, and spends one per comment
        through a request that carries no cookie. The server records only that you collected your
        weekly tokens, and writes that down only when the week is over, so its database does not say
        when you collected them, nor whether before or after any comment.
      </p>
      <p className="mt-2" data-testid="batch-notice">
        <strong>When it appears:</strong> comments are published together every {formatInterval(batchMinutes * 60)}, at fixed
        times, in random order and with the day only, so neither the moment nor the order says who wrote
        one. Your browser keeps your comment until it sees it published and sends it again if needed.
        Right after it collects this week&apos;s tokens, it holds a new comment back for a few batches
        and sends it at a random time, so the comment does not follow your collection.
      </p>
      <p className="mt-2" data-testid="crowd">
        {crowd.people >= crowd.k ? (
          <>
            <strong>Each comment hides among {formatCount(crowd.people)} people</strong>: everyone who
            collected tokens this week or last week, whose tokens can pay for a comment now.
          </>
        ) : (
          <>
            <strong>Only {formatCount(crowd.people)} {crowd.people === 1 ? "person holds" : "people hold"} tokens</strong> that
            can pay for a comment now. Comments wait, unpublished, until at least {crowd.k} people do, so a
            comment never hides among fewer than {crowd.k}.
          </>
        )}
      </p>
      <p className="mt-2">
        <strong>It cannot protect</strong> what your words give away, monitoring software on your own
        device, or someone watching the network as you post. Leave out names, dates, team details and
        turns of phrase that point to you.
      </p>
      <p className="mt-2 text-xs">This week&apos;s key fingerprint: <code data-testid="key-fingerprint">{fingerprint}</code></p>
    </div>
  );
}
