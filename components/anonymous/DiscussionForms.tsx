"use client";

// The discussion's forms for someone signed in: write a comment (with the questions put to this
// browser's comments), reply to one, flag one. Client parts (docs/decisions/035): they need only
// to know that someone is signed in, and which account's tokens to spend, so the shared page served
// from the cache shows them once GET /api/me has answered. The question form (for those who may ask
// a writer) stays with the server (components/anonymous/Discussion.tsx).
import { useTranslations } from "next-intl";
import { flagCommentAction } from "@/app/comments/actions";
import { ActionForm } from "@/components/ActionForm";
import { useAccount } from "@/components/personal/PersonalParts";
import { FLAG_REASON_KEYS, FLAG_REASONS } from "@/lib/comments/flag-reasons";
import { AuthorQuestions } from "./AuthorAnswer";
import { CommentComposer } from "./CommentComposer";

type Thread = { programSlug: string } | { petitionId: string };

/** The composer and this browser's questions, or how to take part for someone signed out. */
export function DiscussionComposer({ thread, path, batchSeconds }: { thread: Thread; path: string; batchSeconds: number }) {
  const t = useTranslations("Discussion");
  const account = useAccount();
  return (
    <div data-personal="">
      {account ? (
        <>
          <AuthorQuestions thread={thread} accountId={account.id} />
          <CommentComposer thread={thread} accountId={account.id} label={t("commentLabel")} batchSeconds={batchSeconds} />
        </>
      ) : (
        <p className="mt-4">{t.rich("signIn", { link: (chunks) => <a href={`/signin?callbackUrl=${encodeURIComponent(path)}`} className="font-semibold text-brand underline">{chunks}</a> })}</p>
      )}
    </div>
  );
}

/** A disclosure only someone signed in gets: its contents are given the account. */
function SignedInDetails({ className, summary, children }: { className: string; summary: React.ReactNode; children: (accountId: string) => React.ReactNode }) {
  const account = useAccount();
  if (!account) return null;
  return (
    <details className={className} data-personal="">
      {summary}
      {children(account.id)}
    </details>
  );
}

/** Reply to a comment. */
export function ReplyForm({ thread, parentId, batchSeconds }: { thread: Thread; parentId: string; batchSeconds: number }) {
  const t = useTranslations("Discussion");
  return (
    <SignedInDetails className="ml-6 mt-1" summary={<summary className="cursor-pointer text-sm font-medium text-brand">{t("reply")}</summary>}>
      {(accountId) => <CommentComposer thread={thread} accountId={accountId} parentId={parentId} label={t("replyLabel")} compact batchSeconds={batchSeconds} />}
    </SignedInDetails>
  );
}

/** Flag a comment for the moderators. */
export function FlagForm({ commentId, path }: { commentId: string; path: string }) {
  const t = useTranslations("Discussion");
  const flagReason = useTranslations("FlagReason");
  return (
    <SignedInDetails className="mt-1 text-sm" summary={<summary className="cursor-pointer text-muted">{t("flag")}</summary>}>
      {() => (
        <ActionForm action={flagCommentAction} hidden={{ commentId, path }} submitLabel={t("flagSubmit")} variant="secondary">
          <label htmlFor={`flag-${commentId}`} className="mt-2 block">{t("reason")}</label>
          <select id={`flag-${commentId}`} name="reason" className="mt-1 rounded-md border border-gray-400 bg-white px-2 py-1">
            {FLAG_REASONS.map((r) => <option key={r} value={r}>{flagReason(FLAG_REASON_KEYS[r])}</option>)}
          </select>
        </ActionForm>
      )}
    </SignedInDetails>
  );
}
