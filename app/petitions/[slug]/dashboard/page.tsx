import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound, redirect } from "next/navigation";
import { removeCoOrganizerAction } from "@/app/petitions/actions";
import { ActionForm } from "@/components/ActionForm";
import { formatCount, formatDate, formatRate } from "@/components/format";
import { ProgressBar } from "@/components/ProgressBar";
import { SignatureChart } from "@/components/SignatureChart";
import { getActor } from "@/lib/auth/session";
import { getDashboard } from "@/lib/dashboard";
import { db } from "@/lib/db/server";
import { DomainError } from "@/lib/errors";
import { listOrganizersForManagement } from "@/lib/petitions/commands";
import { petitionIdBySlug } from "@/lib/petitions/queries";
import type { Breakdown } from "@/lib/privacy/k-anonymity";

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
  const team = await listOrganizersForManagement(db, actor, petitionId);
  const d = dashboard;
  return (
    <div>
      <p className="text-sm"><Link href={`/petitions/${slug}`} className="text-brand underline">Back to the petition</Link></p>
      <h1 className="mt-2 text-3xl font-bold">Dashboard: {d.petition.title}</h1>

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
        <SignatureChart daily={d.daily} hourly={d.hourly} />
      </section>

      <section aria-labelledby="breakdown-heading" className="mt-8">
        <h2 id="breakdown-heading" className="text-2xl font-bold">Who signed by name, in groups of at least {d.k}</h2>
        <p className="mt-1 max-w-3xl text-sm text-muted">
          These count named signatures made before today ({formatDate(d.breakdownAsOf)}). Anonymous signatures ({formatCount(d.anonymousCount)} so far) are
          counted in the total only, never by department, location or hour, so no comparison of these numbers with the named list, the export or another day can tell anything about who signed anonymously.
          Groups under {d.k} are folded into &quot;Other&quot;, with further groups folded in whenever that alone would let someone work out a small group.
        </p>
        <div className="mt-4 grid gap-6 md:grid-cols-2">
          <BreakdownTable title="By department" b={d.byDepartment} k={d.k} />
          <BreakdownTable title="By location" b={d.byLocation} k={d.k} />
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
        <p className="mt-2 text-sm">Invite co-organizers, close early or deliver from the <Link href={`/petitions/${slug}`} className="text-brand underline">petition page</Link>.</p>
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

function BreakdownTable({ title, b, k }: { title: string; b: Breakdown; k: number }) {
  return (
    <div>
      <h3 className="font-semibold">{title}</h3>
      {b.suppressed || b.total === 0 ? (
        <p className="mt-1 text-sm text-muted">Fewer than {k} signatures so far: nothing to show.</p>
      ) : (
        <table className="mt-1 w-full text-sm" data-testid={`breakdown-${title.toLowerCase().replace(/\s+/g, "-")}`}>
          <thead><tr className="border-b text-left"><th scope="col">Group</th><th scope="col" className="text-right">Signatures</th></tr></thead>
          <tbody>
            {b.groups.map((g) => <tr key={g.name} className="border-b border-gray-100"><td>{g.name}</td><td className="text-right">{formatCount(g.count)}</td></tr>)}
            {b.other > 0 && <tr className="border-b border-gray-100"><td>Other (groups under {k})</td><td className="text-right">{formatCount(b.other)}</td></tr>}
            <tr className="font-semibold"><td>Total</td><td className="text-right">{formatCount(b.total)}</td></tr>
          </tbody>
        </table>
      )}
    </div>
  );
}
