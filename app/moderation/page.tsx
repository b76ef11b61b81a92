import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, redirect } from "next/navigation";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { hideCommentAction } from "@/app/comments/actions";
import { dismissFlagsAction, restoreCommentAction } from "@/app/moderation/actions";
import { ActionForm, FormField } from "@/components/ActionForm";
import { MarkDuplicateForm } from "@/components/MarkDuplicateForm";
import { useFormat } from "@/components/format";
import { ReasonFields } from "@/components/ReasonFields";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { getFormat } from "@/lib/i18n/server";
import { flagReasonKey } from "@/lib/comments";
import { listHiddenComments, listModerationQueue, translatedReason } from "@/lib/moderation";
import { roleCan } from "@/lib/petitions/policy";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("ModerationPage");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

function ContextComment({ label, comment }: { label: string; comment: { day: string; bodyHtml: string | null; hidden: boolean } }) {
  const t = useTranslations("ModerationPage");
  const f = useFormat();
  return (
    <div className="rounded-md border border-gray-200 bg-gray-50 p-2 text-sm">
      <p className="text-xs font-semibold text-muted">{label} · {f.date(comment.day)}</p>
      {comment.hidden ? <p className="italic text-muted">{t("hiddenByModerator")}</p> : <div className="prose-user" dangerouslySetInnerHTML={{ __html: comment.bodyHtml ?? "" }} />}
    </div>
  );
}

export default async function ModerationPage() {
  const actor = await getActor();
  if (!actor) redirect("/signin?callbackUrl=%2Fmoderation");
  if (!roleCan(actor, "flag.list")) forbidden();
  const [queue, hidden, t, f, flagName, reasonName] = await Promise.all([listModerationQueue(db, actor), listHiddenComments(db, actor), getTranslations("ModerationPage"), getFormat(), getTranslations("FlagReason"), getTranslations("ModerationReason")]);
  // A flag keeps the English reason it was given; it is shown in the moderator's language.
  const flagReason = (reason: string) => {
    const key = flagReasonKey(reason);
    return key ? flagName(key) : reason;
  };
  const link = (href: string) =>
    function InlineLink(chunks: React.ReactNode) {
      return <Link href={href} className="underline">{chunks}</Link>;
    };
  return (
    <div>
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="mt-2 max-w-2xl text-muted">{t.rich("intro", { link: link("/moderation-log") })}</p>
      {queue.length === 0 ? (
        <p className="mt-6">{t("nothing")}</p>
      ) : (
        <ul className="mt-6 grid gap-4" data-testid="flagged">
          {queue.map((c) => (
            <li key={c.id} className="rounded-lg border border-gray-200 bg-white p-4" data-testid="flagged-comment">
              <p className="text-sm text-muted">
                {t.rich("on", { title: c.where.title, link: link(c.where.href) })} · {t("flags", { count: c.flags })}{" "}
                <span data-testid="flag-reasons">{c.reasons.map((r) => (r.count > 1 ? `${flagReason(r.reason)} (${r.count})` : flagReason(r.reason))).join(", ")}</span>
              </p>
              <div className="mt-2 grid gap-2" data-testid="thread-context">
                {c.parent && <ContextComment label={t("inReplyTo")} comment={c.parent} />}
                <div className="rounded-md border-2 border-amber-400 p-2">
                  <p className="text-xs font-semibold">{t("flagged", { date: f.date(c.day) })}</p>
                  <div className="prose-user" dangerouslySetInnerHTML={{ __html: c.bodyHtml }} />
                </div>
                {c.neighbours.map((n) => <ContextComment key={n.id} label={c.parent ? t("anotherReply") : t("beside")} comment={n} />)}
              </div>
              <div className="mt-3 flex flex-wrap items-start gap-x-6">
                <div className="min-w-0 flex-1">
                  <ActionForm action={hideCommentAction} hidden={{ commentId: c.id, path: c.where.href }} submitLabel={t("hide")} variant="danger">
                    <ReasonFields id={c.id} defaultCode={c.suggestedCode} />
                  </ActionForm>
                </div>
                <ActionForm action={dismissFlagsAction} hidden={{ commentId: c.id }} submitLabel={t("dismiss")} variant="secondary" />
              </div>
            </li>
          ))}
        </ul>
      )}
      <MarkDuplicateForm />

      <section aria-labelledby="hidden-heading" className="mt-10">
        <h2 id="hidden-heading" className="text-2xl font-bold">{t("recentlyHidden")}</h2>
        <p className="mt-1 max-w-2xl text-sm text-muted">{t("hiddenIntro")}</p>
        {hidden.length === 0 ? (
          <p className="mt-3">{t("noneHidden")}</p>
        ) : (
          <ul className="mt-3 grid gap-3" data-testid="hidden-comments">
            {hidden.map((c) => (
              <li key={c.id} className="rounded-lg border border-gray-200 bg-white p-3">
                <p className="text-sm text-muted">
                  {t.rich("on", { title: c.where.title, link: link(c.where.href) })}{c.hiddenDay && t("hiddenOn", { date: f.date(c.hiddenDay) })} · {translatedReason(c.reason, reasonName)}
                </p>
                <div className="prose-user" dangerouslySetInnerHTML={{ __html: c.bodyHtml }} />
                <ActionForm action={restoreCommentAction} hidden={{ commentId: c.id }} submitLabel={t("undo")} variant="secondary">
                  <FormField id={`undo-${c.id}`} name="reasonText" label={t("undoWhy")} labelClassName="mt-2 block text-sm font-medium">
                    <input id={`undo-${c.id}`} name="reasonText" required minLength={5} maxLength={300} className="mt-1 block w-full rounded-md border border-gray-400 px-3 py-2 aria-[invalid=true]:border-red-600" />
                  </FormField>
                </ActionForm>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
