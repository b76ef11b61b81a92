import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { changeStatusAction, markKeptAction } from "@/app/responses/actions";
import { ActionForm, FormField } from "@/components/ActionForm";
import { MarkMissedForm } from "@/components/Responses";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { getFormat } from "@/lib/i18n/server";
import { roleCan } from "@/lib/petitions/policy";
import { listPrograms, PROGRAM_STATUSES } from "@/lib/programs";
import { listResponsesOwed } from "@/lib/responses";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("LeadershipPage");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

export default async function LeadershipInboxPage() {
  const actor = await getActor();
  if (!actor) redirect("/signin?callbackUrl=%2Fleadership");
  if (!roleCan(actor, "responses.owed")) forbidden();
  const [owed, programs, t, f, statusName] = await Promise.all([listResponsesOwed(db, actor), listPrograms(db), getTranslations("LeadershipPage"), getFormat(), getTranslations("ProgramStatus")]);
  const due = (item: { overdueDays: number; words: string; dueAt: string }) => (
    <span className={item.overdueDays > 0 ? "font-semibold text-red-800" : ""} data-testid="due">
      {t("due", { date: f.date(item.dueAt), words: item.words })}
    </span>
  );
  const link = (href: string) =>
    function InlineLink(chunks: React.ReactNode) {
      return <Link href={href} className="underline">{chunks}</Link>;
    };
  const input = "mt-1 block h-9 w-full rounded-md border border-gray-400 bg-white px-2 py-1 aria-[invalid=true]:border-red-600";
  return (
    <div className="grid gap-10">
      <div>
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="mt-2 max-w-2xl text-muted">{t("intro")}</p>
      </div>

      <section aria-labelledby="owed-petitions">
        <h2 id="owed-petitions" className="text-2xl font-bold">{t("petitions")}</h2>
        {owed.petitions.length === 0 ? (
          <p className="mt-2">{t("noPetitions")}</p>
        ) : (
          <ul className="mt-3 grid gap-3" data-testid="owed-petitions">
            {owed.petitions.map((p) => (
              <li key={p.id} className="rounded-lg border border-gray-200 bg-white p-3">
                <Link href={`/petitions/${p.slug}#responses-heading`} className="font-semibold text-brand underline">{p.title}</Link>
                <p className="text-sm">{t("signatures", { count: p.signatures, threshold: f.count(p.threshold) })} · {due(p)}</p>
                {/* Straight to the response form, wherever it sits on the petition page. */}
                <Link href={`/petitions/${p.slug}#respond`} className="mt-2 inline-block rounded-lg bg-brand px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-dark">
                  {t("write")}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="owed-commitments">
        <h2 id="owed-commitments" className="text-2xl font-bold">{t("commitments")}</h2>
        {owed.commitments.length === 0 ? (
          <p className="mt-2">{t("noCommitments")}</p>
        ) : (
          <ul className="mt-3 grid gap-3" data-testid="owed-commitments">
            {owed.commitments.map((c) => (
              <li key={c.id} className="rounded-lg border border-gray-200 bg-white p-3">
                <p><span className="font-semibold">{c.text}</span> <span className="text-sm text-muted">({c.ownerRole})</span></p>
                <p className="text-sm">{t.rich("on", { title: c.on.title, link: link(c.on.href) })} · {due(c)}</p>
                {c.overdueDays === 0 && (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-sm font-medium text-brand">{t("recordKept")}</summary>
                    <ActionForm action={markKeptAction} hidden={{ commitmentId: c.id }} submitLabel={t("markKept")} variant="secondary">
                      <FormField id={`kept-${c.id}`} name="note" label={t("howKept")} labelClassName="mt-1 block text-sm">
                        <input id={`kept-${c.id}`} name="note" required minLength={5} maxLength={500} className={input} />
                      </FormField>
                    </ActionForm>
                  </details>
                )}
                <MarkMissedForm id={c.id} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="program-status">
        <h2 id="program-status" className="text-2xl font-bold">{t("programStatus")}</h2>
        <p className="mt-1 max-w-2xl text-sm text-muted">{t("programIntro")}</p>
        {programs.length === 0 ? (
          <p className="mt-2">{t("noPrograms")}</p>
        ) : (
          <ActionForm action={changeStatusAction} hidden={{}} submitLabel={t("changeStatus")}>
            <div className="mt-2 grid gap-3 sm:grid-cols-[1fr_10rem_1fr]">
              <FormField id="status-program" name="programSlug" label={t("program")} labelClassName="block text-sm font-medium">
                <select id="status-program" name="programSlug" className={input}>
                  {programs.map((p) => <option key={p.id} value={p.slug}>{t("programOption", { name: p.name, status: statusName(p.statusNow).toLowerCase() })}</option>)}
                </select>
              </FormField>
              <FormField id="status-to" name="status" label={t("newStatus")} labelClassName="block text-sm font-medium">
                <select id="status-to" name="status" className={input}>
                  {PROGRAM_STATUSES.map((s) => <option key={s} value={s}>{statusName(s)}</option>)}
                </select>
              </FormField>
              <FormField id="status-why" name="reason" label={t("reason")} labelClassName="block text-sm font-medium">
                <input id="status-why" name="reason" required minLength={5} maxLength={500} className={input} />
              </FormField>
            </div>
          </ActionForm>
        )}
      </section>
    </div>
  );
}
