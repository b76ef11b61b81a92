import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { closePetitionAction, deliverPetitionAction, inviteCoOrganizerAction, removeCoOrganizerAction } from "@/app/petitions/actions";
import { postUpdateAction } from "@/app/responses/actions";
import { ActionForm, FormField } from "@/components/ActionForm";
import { BreakdownBars, TotalsExplained } from "@/components/BreakdownBars";
import { ProgressBar } from "@/components/ProgressBar";
import { SignatureChart } from "@/components/SignatureChart";
import { getActor } from "@/lib/auth/session";
import { getDashboard } from "@/lib/dashboard";
import { db } from "@/lib/db/server";
import { DomainError } from "@/lib/errors";
import { getFormat } from "@/lib/i18n/server";
import { listOrganizersForManagement } from "@/lib/petitions/commands";
import { organizerTools } from "@/lib/petitions/organizer-tools";
import { petitionIdBySlug } from "@/lib/petitions/queries";
import { listOrganizerUpdates } from "@/lib/responses";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("DashboardPage");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

export default async function DashboardPage({ params }: PageProps<"/petitions/[slug]/dashboard">) {
  const { slug } = await params;
  const actor = await getActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(`/petitions/${slug}/dashboard`)}`);
  const petitionId = await petitionIdBySlug(db, slug);
  if (!petitionId) notFound();
  let dashboard;
  try {
    dashboard = await getDashboard(db, actor, petitionId);
  } catch (e) {
    if (e instanceof DomainError && e.status === 403) forbidden();
    if (e instanceof DomainError && e.status === 404) notFound();
    throw e;
  }
  const [team, tools, updates, t, f] = await Promise.all([
    listOrganizersForManagement(db, actor, petitionId),
    organizerTools(db, actor, petitionId),
    listOrganizerUpdates(db, petitionId),
    getTranslations("DashboardPage"),
    getFormat(),
  ]);
  const exportLink = (href: string) =>
    function ExportLink(chunks: React.ReactNode) {
      return <a href={href} className="text-brand underline">{chunks}</a>;
    };
  const d = dashboard;
  // The actions revalidate from what their command changed, so the forms send only the petition's id.
  const hidden = { petitionId: d.petition.id };
  return (
    <div>
      <p className="text-sm"><Link href={`/petitions/${slug}`} className="text-brand underline">{t("back")}</Link></p>
      <h1 className="mt-2 text-3xl font-bold">{t("heading", { title: d.petition.title })}</h1>

      <section aria-labelledby="tools-heading" className="mt-6 rounded-xl border border-brand/30 bg-white p-4" data-testid="organizer-tools">
        <h2 id="tools-heading" className="text-2xl font-bold">{t("tools")}</h2>
        <div className="mt-2 grid gap-6 md:grid-cols-2">
          <div>
            <h3 className="font-semibold">{t("postUpdate")}</h3>
            {tools.update ? (
              <ActionForm action={postUpdateAction} hidden={hidden} submitLabel={t("postSubmit")}>
                <FormField id="update-body" name="body" label={t("postLabel")} labelClassName="mt-1 block text-sm">
                  <textarea id="update-body" name="body" rows={4} required maxLength={10000} className="mt-1 block w-full rounded-md border border-gray-400 bg-white px-3 py-2 aria-[invalid=true]:border-red-600" />
                </FormField>
              </ActionForm>
            ) : (
              <p className="text-sm text-muted">{t("postLater")}</p>
            )}
            {updates.length > 0 && (
              <details className="mt-2">
                <summary className="cursor-pointer text-sm font-medium text-brand">{t("updatesPosted", { count: f.count(updates.length) })}</summary>
                <ol className="mt-2 grid gap-2" data-testid="updates">
                  {updates.map((u) => (
                    <li key={u.id} className="rounded-md bg-gray-50 p-2 text-sm">
                      <p className="text-muted">{u.author} · <time dateTime={u.createdAt}>{f.date(u.createdAt)}</time></p>
                      <div className="prose-user" dangerouslySetInnerHTML={{ __html: u.bodyHtml }} />
                    </li>
                  ))}
                </ol>
              </details>
            )}
          </div>
          <div className="grid content-start gap-4">
            <ActionForm action={inviteCoOrganizerAction} hidden={hidden} submitLabel={t("inviteSubmit")} variant="secondary">
              <FormField id="co-organizer-email" name="email" label={t("inviteLabel")} labelClassName="block font-semibold">
                <input id="co-organizer-email" name="email" type="email" required autoComplete="off" placeholder={t("invitePlaceholder")} className="mt-1 block w-full rounded-md border border-gray-400 bg-white px-3 py-2 aria-[invalid=true]:border-red-600" />
              </FormField>
            </ActionForm>
            {tools.deliver && (
              <div>
                <h3 className="font-semibold">{t("deliver")}</h3>
                <p className="text-sm">{t("deliverText")}</p>
                <ActionForm action={deliverPetitionAction} hidden={hidden} submitLabel={t("deliverSubmit")} confirm={t("deliverConfirm")} />
              </div>
            )}
            {tools.close && (
              <div>
                <h3 className="font-semibold">{t("close")}</h3>
                <p className="text-sm">{t("closeText")}</p>
                <ActionForm action={closePetitionAction} hidden={hidden} submitLabel={t("closeSubmit")} variant="danger" confirm={t("closeConfirm")} />
              </div>
            )}
          </div>
        </div>
      </section>

      <section aria-labelledby="progress-heading" className="mt-6 grid gap-4 sm:grid-cols-3">
        <h2 id="progress-heading" className="sr-only">{t("progress")}</h2>
        <Stat label={t("signatures")} value={f.count(d.petition.signatureCount)} />
        <Stat label={t("perDay")} value={f.rate(d.recentRatePerDay)} />
        <Stat
          label={d.projection ? t("projected", { target: d.projection.target }) : t("goal")}
          value={d.projection ? (d.projection.date ? f.date(d.projection.date) : t("notBeforeClosing")) : t("reached")}
        />
        <div className="sm:col-span-3">
          <p className="text-sm">{t("goalValue", { count: f.count(d.petition.goal) })}</p>
          <ProgressBar count={d.petition.signatureCount} goal={d.petition.goal} label={t("goalProgress")} />
          <p className="mt-2 text-sm">
            {d.petition.thresholdReachedAt
              ? t("thresholdReached", { count: f.count(d.petition.responseThreshold), date: f.date(d.petition.thresholdReachedAt) })
              : t("threshold", { count: f.count(d.petition.responseThreshold) })}
          </p>
          <ProgressBar count={d.petition.signatureCount} goal={d.petition.responseThreshold} label={t("thresholdProgress")} />
        </div>
      </section>

      <section aria-labelledby="chart-heading" className="mt-8">
        <h2 id="chart-heading" className="text-2xl font-bold">{t("overTime")}</h2>
        <SignatureChart daily={d.daily} hourly={d.hourly} goal={d.petition.goal} threshold={d.petition.responseThreshold} />
      </section>

      <section aria-labelledby="breakdown-heading" className="mt-8">
        <h2 id="breakdown-heading" className="text-2xl font-bold">{t("breakdown", { k: f.count(d.k) })}</h2>
        <div className="mt-2 grid gap-2">
          <TotalsExplained headline={d.petition.signatureCount} breakdownTotal={d.byDepartment.total} named={d.namedCount} anonymous={d.anonymousCount} k={d.k} suppressed={d.byDepartment.suppressed} />
          <p className="max-w-3xl text-sm text-muted">{t("breakdownText", { date: f.date(d.breakdownAsOf), k: f.count(d.k) })}</p>
        </div>
        <div className="mt-4 grid items-start gap-6 md:grid-cols-2">
          <BreakdownBars title={t("byDepartment")} b={d.byDepartment} k={d.k} testId="breakdown-by-department" />
          <BreakdownBars title={t("byLocation")} b={d.byLocation} k={d.k} testId="breakdown-by-location" />
        </div>
      </section>

      <section aria-labelledby="export-heading" className="mt-8">
        <h2 id="export-heading" className="text-2xl font-bold">{t("export")}</h2>
        <ul className="mt-2 list-disc pl-6">
          <li>{t.rich("exportNamed", { link: exportLink(`/petitions/${slug}/export/signatures.csv`) })}</li>
          <li>{t.rich("exportAggregates", { link: exportLink(`/petitions/${slug}/export/aggregates.csv`) })}</li>
        </ul>
      </section>

      <section aria-labelledby="team-heading" className="mt-8">
        <h2 id="team-heading" className="text-2xl font-bold">{t("organizers")}</h2>
        <ul className="mt-2 grid gap-2">
          {team.organizers.map((o) => (
            <li key={o.userId} className="flex flex-wrap items-center gap-3">
              <span>{t("organizer", { name: o.name, role: o.role })}</span>
              {o.role !== "starter" && (
                <ActionForm action={removeCoOrganizerAction} hidden={{ petitionId: d.petition.id, slug, userId: o.userId }} submitLabel={o.userId === actor.id ? t("stepDown") : t("remove")} variant="secondary" />
              )}
            </li>
          ))}
        </ul>
        {team.pendingInvitations > 0 && (
          <p className="mt-2 text-muted" data-testid="pending-invitations">
            {t("pendingInvitations", { count: team.pendingInvitations })}
          </p>
        )}
      </section>
    </div>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-xl border border-gray-200 bg-white p-4">
      <p className="text-sm text-muted">{label}</p>
      <p className="text-2xl font-bold">{value}</p>
    </div>
  );
}
