import { useTranslations } from "next-intl";
import { askQuestionAction } from "@/app/comments/actions";
import { ActionForm, FormField } from "@/components/ActionForm";
import { useFormat } from "@/components/format";
import type { Actor } from "@/lib/auth/actor";
import { commentBatchSeconds, type Crowd, type PublicComment } from "@/lib/comments";
import { mayAsk } from "@/lib/petitions/policy";
import { DiscussionComposer, FlagForm, ReplyForm } from "./DiscussionForms";
import { translatedReason } from "@/lib/moderation/reasons";
import { useFormatInterval } from "./interval";

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
  const t = useTranslations("Discussion");
  // Who may ask a writer a question: the one policy (lib/petitions/policy.ts, decision 026).
  const canAsk = mayAsk(actor, { organizer: organizer && "petitionId" in thread });
  return (
    <section aria-labelledby="discussion-heading" className="mt-10">
      <h2 id="discussion-heading" className="text-2xl font-bold">{t("heading")}</h2>
      <AnonymityNotice fingerprint={fingerprint} crowd={crowd} batchMinutes={commentBatchSeconds() / 60} />
      <DiscussionComposer thread={thread} path={path} batchSeconds={commentBatchSeconds()} />
      {comments.length === 0 ? (
        <p className="mt-6 text-muted">{t("none")}</p>
      ) : (
        <ol className="mt-6 grid gap-4" data-testid="comments">
          {comments.map((c) => (
            <li key={c.id}>
              <Comment comment={c} path={path} canAsk={canAsk} />
              {c.replies.length > 0 && (
                <ol className="ml-6 mt-2 grid gap-2 border-l-2 border-gray-200 pl-4" aria-label={t("replies")}>
                  {c.replies.map((r) => (
                    <li key={r.id}><Comment comment={r} path={path} canAsk={canAsk} /></li>
                  ))}
                </ol>
              )}
              {!c.hidden && <ReplyForm thread={thread} parentId={c.id} batchSeconds={commentBatchSeconds()} />}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Comment({ comment, path, canAsk }: { comment: PublicComment; path: string; canAsk: boolean }) {
  const t = useTranslations("Discussion");
  const reasonName = useTranslations("ModerationReason");
  const f = useFormat();
  const strong = (chunks: React.ReactNode) => <strong className="text-gray-900">{chunks}</strong>;
  return (
    <article className="rounded-lg border border-gray-200 bg-white p-3" data-comment-id={comment.id}>
      <p className="text-xs text-muted">
        {comment.revealed ? (
          <span data-testid="revealed-writer">
            {t.rich("revealed", { strong, name: comment.revealed.name, date: f.date(comment.revealed.day) })}
          </span>
        ) : (
          t("anonymous")
        )}{" "}
        · <time dateTime={comment.day}>{f.date(comment.day)}</time>
      </p>
      {comment.hidden ? (
        <p className="mt-1 italic text-muted">{t("hidden", { reason: translatedReason(comment.hidden.reason, reasonName) })}</p>
      ) : (
        <div className="prose-user" dangerouslySetInnerHTML={{ __html: comment.bodyHtml ?? "" }} />
      )}
      {comment.questions.length > 0 && (
        <ol className="mt-2 grid gap-2" aria-label={t("questions")}>
          {comment.questions.map((q) => (
            <li key={q.id} className="rounded-md border-l-4 border-violet-400 bg-violet-50 px-3 py-2" data-testid="comment-question">
              <p className="text-xs text-muted">
                {t.rich("askedBy", { strong, name: q.askedBy.name, role: q.askedBy.role })} ·{" "}
                <time dateTime={q.day}>{f.date(q.day)}</time>
              </p>
              <div className="prose-user text-sm" dangerouslySetInnerHTML={{ __html: q.bodyHtml }} />
              {q.answer ? (
                <div className="mt-2 rounded-md bg-white px-3 py-2" data-testid="author-answer">
                  <p className="text-xs text-muted">
                    {t.rich("authorAnswered", { badge: (chunks) => <span className="rounded-full bg-violet-700 px-2 py-0.5 font-semibold text-white">{chunks}</span> })} ·{" "}
                    <time dateTime={q.answer.day}>{f.date(q.answer.day)}</time>
                  </p>
                  <div className="prose-user text-sm" dangerouslySetInnerHTML={{ __html: q.answer.bodyHtml }} />
                </div>
              ) : (
                <p className="mt-1 text-xs text-muted">{t("noAnswer")}</p>
              )}
            </li>
          ))}
        </ol>
      )}
      {canAsk && !comment.hidden && comment.answerKey && (
        <details className="mt-1 text-sm">
          <summary className="cursor-pointer font-medium text-brand">{t("ask")}</summary>
          <ActionForm action={askQuestionAction} hidden={{ commentId: comment.id }} submitLabel={t("askSubmit")} pendingLabel={t("asking")}>
            <FormField name="body" id={`ask-${comment.id}`} label={t("question")} hint={t("questionHint")}>
              <textarea id={`ask-${comment.id}`} name="body" rows={2} maxLength={2000} required className="mt-1 block w-full rounded-md border border-gray-400 bg-white px-3 py-2" />
            </FormField>
          </ActionForm>
        </details>
      )}
      {!comment.hidden && <FlagForm commentId={comment.id} path={path} />}
    </article>
  );
}


/** What the anonymity protects and what it cannot, said where people write. */
export function AnonymityNotice({ fingerprint, crowd, batchMinutes }: { fingerprint: string; crowd: Crowd; batchMinutes: number }) {
  const t = useTranslations("AnonymityNotice");
  const f = useFormat();
  const formatInterval = useFormatInterval();
  const strong = (chunks: React.ReactNode) => <strong>{chunks}</strong>;
  return (
    <div className="mt-3 rounded-lg border border-blue-200 bg-blue-50 p-4 text-sm text-blue-950">
      <p>{t.rich("nobody", { strong })}</p>
      <p className="mt-2" data-testid="batch-notice">{t.rich("when", { strong, interval: formatInterval(batchMinutes * 60) })}</p>
      <p className="mt-2" data-testid="crowd">
        {crowd.people >= crowd.k
          ? t.rich("crowd", { strong, people: f.count(crowd.people) })
          : t.rich("smallCrowd", { strong, count: crowd.people, people: f.count(crowd.people), k: f.count(crowd.k) })}
      </p>
      <p className="mt-2">{t.rich("cannot", { strong })}</p>
      <p className="mt-2 text-xs">{t.rich("fingerprint", { fingerprint, code: (chunks) => <code data-testid="key-fingerprint">{chunks}</code> })}</p>
    </div>
  );
}
