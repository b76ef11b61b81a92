import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound, redirect } from "next/navigation";
import { closePetitionAction, deliverPetitionAction, inviteCoOrganizerAction, removeCoOrganizerAction } from "@/app/petitions/actions";
import { postUpdateAction } from "@/app/responses/actions";
import { ActionForm, FormField } from "@/components/ActionForm";
import { BreakdownBars, TotalsExplained } from "@/components/BreakdownBars";
import { formatCount, formatDate, formatRate } from "@/components/format";
import { ProgressBar } from "@/components/ProgressBar";
import { SignatureChart } from "@/components/SignatureChart";
import { getActor } from "@/lib/auth/session";
import { getDashboard } from "@/lib/dashboard";
import { db } from "@/lib/db/server";
import { DomainError } from "@/lib/errors";
import { listOrganizersForManagement } from "@/lib/petitions/commands";
import { organizerTools } from "@/lib/petitions/organizer-tools";
import { petitionIdBySlug } from "@/lib/petitions/queries";
import { listOrganizerUpdates } from "@/lib/responses";

export const metadata: Metadata = { title: "Organizer dashboard" };
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
  const [team, tools, updates] = await Promise.all([listOrganizersForManagement(db, actor, petitionId), organizerTools(db, actor, petitionId), listOrganizerUpdates(db, petitionId)]);
  const d = dashboard;
  // The actions revalidate from what their command changed, so the forms send only the petition's id.
  const hidden = { petitionId: d.petition.id };
  return (
    <div>
      <p className="text-sm"><Link href={`/petitions/${slug}`} className="text-brand underline">Back to the petition</Link></p>
      <h1 className="mt-2 text-3xl font-bold">Dashboard: {d.petition.title}</h1>

      <section aria-labelledby="tools-heading" className="mt-6 rounded-xl border border-brand/30 bg-white p-4" data-testid="organizer-tools">
        <h2 id="tools-heading" className="text-2xl font-bold">Your tools</h2>
        <div className="mt-2 grid gap-6 md:grid-cols-2">
          <div>
            <h3 className="font-semibold">Post an update</h3>
            {tools.update ? (
              <ActionForm action={postUpdateAction} hidden={hidden} submitLabel="Post update to signers">
                <FormField id="update-body" name="body" label="Tell signers and followers what happened; they are notified." labelClassName="mt-1 block text-sm">
                  <textarea id="update-body" name="body" rows={4} required maxLength={10000} className="mt-1 block w-full rounded-md border border-gray-400 bg-white px-3 py-2 aria-[invalid=true]:border-red-600" />
                </FormField>
              </ActionForm>
            ) : (
              <p className="text-sm text-muted">Updates go to signers, so they can be posted once the petition is public.</p>
            )}
            {updates.length > 0 && (
              <details className="mt-2">
                <summary className="cursor-pointer text-sm font-medium text-brand">Updates posted ({updates.length})</summary>
                <ol className="mt-2 grid gap-2" data-testid="updates">
                  {updates.map((u) => (
                    <li key={u.id} className="rounded-md bg-gray-50 p-2 text-sm">
                      <p className="text-muted">{u.author} · <time dateTime={u.createdAt}>{formatDate(u.createdAt)}</time></p>
                      <div className="prose-user" dangerouslySetInnerHTML={{ __html: u.bodyHtml }} />
                    </li>
                  ))}
                </ol>
              </details>
            )}
          </div>
          <div className="grid content-start gap-4">
            <ActionForm action={inviteCoOrganizerAction} hidden={hidden} submitLabel="Invite co-organizer" variant="secondary">
              <FormField id="co-organizer-email" name="email" label="Invite a co-organizer" labelClassName="block font-semibold">
                <input id="co-organizer-email" name="email" type="email" required autoComplete="off" placeholder="Colleague's work email" className="mt-1 block w-full rounded-md border border-gray-400 bg-white px-3 py-2 aria-[invalid=true]:border-red-600" />
              </FormField>
            </ActionForm>
            {tools.deliver && (
              <div>
                <h3 className="font-semibold">Deliver to leadership</h3>
                <p className="text-sm">Closes the petition if it is still open and records the delivery on the public timeline.</p>
                <ActionForm action={deliverPetitionAction} hidden={hidden} submitLabel="Deliver petition" confirm="Deliver this petition now? It will close if it is still open." />
              </div>
            )}
            {tools.close && (
              <div>
                <h3 className="font-semibold">Close early</h3>
                <p className="text-sm">Stops signatures now. It cannot be undone.</p>
                <ActionForm action={closePetitionAction} hidden={hidden} submitLabel="Close petition" variant="danger" confirm="Close this petition now? Nobody will be able to sign it afterwards." />
              </div>
            )}
          </div>
        </div>
      </section>

      <section aria-labelledby="progress-heading" className="mt-6 grid gap-4 sm:grid-cols-3">
        <h2 id="progress-heading" className="sr-only">Progress</h2>
        <Stat label="Signatures" value={formatCount(d.petition.signatureCount)} />
        <Stat label="Last 7 full days, per day" value={formatRate(d.recentRatePerDay)} />
        <Stat
          label={d.projection ? `Projected to reach the ${d.projection.target}` : "Goal"}
          value={d.projection ? (d.projection.date ? formatDate(d.projection.date) : "not before closing at this rate") : "reached"}
        />
        <div className="sm:col-span-3">
          <p className="text-sm">Goal: {formatCount(d.petition.goal)}</p>
          <ProgressBar count={d.petition.signatureCount} goal={d.petition.goal} label="Progress toward the goal" />
          <p className="mt-2 text-sm">Response threshold: {formatCount(d.petition.responseThreshold)}{d.petition.thresholdReachedAt ? `, reached ${formatDate(d.petition.thresholdReachedAt)}` : ""}</p>
          <ProgressBar count={d.petition.signatureCount} goal={d.petition.responseThreshold} label="Progress toward the response threshold" />
        </div>
      </section>

      <section aria-labelledby="chart-heading" className="mt-8">
        <h2 id="chart-heading" className="text-2xl font-bold">Signatures over time</h2>
        <SignatureChart daily={d.daily} hourly={d.hourly} goal={d.petition.goal} threshold={d.petition.responseThreshold} />
      </section>

      <section aria-labelledby="breakdown-heading" className="mt-8">
        <h2 id="breakdown-heading" className="text-2xl font-bold">Who signed by name, in groups of at least {d.k}</h2>
        <div className="mt-2 grid gap-2">
          <TotalsExplained headline={d.petition.signatureCount} breakdownTotal={d.byDepartment.total} named={d.namedCount} anonymous={d.anonymousCount} k={d.k} suppressed={d.byDepartment.suppressed} />
          <p className="max-w-3xl text-sm text-muted">
            Named signatures made before today ({formatDate(d.breakdownAsOf)}) are counted here, so no comparison of these numbers with the named list, the export or
            another day can tell anything about who signed anonymously. Groups under {d.k} are folded into &quot;Other&quot;, with further groups folded in whenever that alone would let someone work out a small group.
          </p>
        </div>
        <div className="mt-4 grid items-start gap-6 md:grid-cols-2">
          <BreakdownBars title="By department" b={d.byDepartment} k={d.k} testId="breakdown-by-department" />
          <BreakdownBars title="By location" b={d.byLocation} k={d.k} testId="breakdown-by-location" />
        </div>
      </section>

      <section aria-labelledby="export-heading" className="mt-8">
        <h2 id="export-heading" className="text-2xl font-bold">Export</h2>
        <ul className="mt-2 list-disc pl-6">
          <li><a href={`/petitions/${slug}/export/signatures.csv`} className="text-brand underline">Named signatures (CSV)</a>: name, department, date. Anonymous signers are never exported.</li>
          <li><a href={`/petitions/${slug}/export/aggregates.csv`} className="text-brand underline">Aggregate counts (CSV)</a>: per day, named per hour, the breakdowns above and the number of anonymous signatures.</li>
        </ul>
      </section>

      <section aria-labelledby="team-heading" className="mt-8">
        <h2 id="team-heading" className="text-2xl font-bold">Organizers</h2>
        <ul className="mt-2 grid gap-2">
          {team.organizers.map((o) => (
            <li key={o.userId} className="flex flex-wrap items-center gap-3">
              <span>{o.name} ({o.role === "starter" ? "started it" : "co-organizer"})</span>
              {o.role !== "starter" && (
                <ActionForm action={removeCoOrganizerAction} hidden={{ petitionId: d.petition.id, slug, userId: o.userId }} submitLabel={o.userId === actor.id ? "Step down" : "Remove"} variant="secondary" />
              )}
            </li>
          ))}
        </ul>
        {team.pendingInvitations > 0 && (
          <p className="mt-2 text-muted" data-testid="pending-invitations">
            {team.pendingInvitations === 1 ? "1 invitation waits" : `${team.pendingInvitations} invitations wait`} for an answer. Invitees are not named until they accept:
            an address nobody has signed in with yet is stored only as a keyed hash.
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
