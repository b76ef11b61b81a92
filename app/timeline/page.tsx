import type { Metadata } from "next";
import Link from "next/link";
import { LiveTimeline } from "@/components/LiveTimeline";
import { TimelineList } from "@/components/TimelineList";
import { db } from "@/lib/db/server";
import { DomainError } from "@/lib/errors";
import { EVENT_KINDS, EVENT_LABELS } from "@/lib/timeline/record";
import { listPublicPetitionChoices } from "@/lib/petitions/queries";
import { listProgramChoices } from "@/lib/programs";
import { listTimeline } from "@/lib/timeline/queries";

export const metadata: Metadata = {
  title: "Timeline",
  alternates: { types: { "application/atom+xml": "/timeline.atom" } },
};
export const dynamic = "force-dynamic";

export default async function TimelinePage({ searchParams }: PageProps<"/timeline">) {
  const params = await searchParams;
  const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);
  const filters = { petition: str(params.petition), program: str(params.program), kind: str(params.kind) };
  const [page, petitions, programs] = await Promise.all([
    listTimeline(db, { ...filters, cursor: str(params.cursor) }).catch((e: unknown) => {
      if (e instanceof DomainError) return { items: [], nextCursor: null, error: e.message };
      throw e;
    }),
    listPublicPetitionChoices(db),
    listProgramChoices(db),
  ]);
  const next = new URLSearchParams(Object.entries({ ...filters, cursor: page.nextCursor ?? undefined }).filter((e): e is [string, string] => Boolean(e[1])));
  const select = "mt-1 block w-full rounded-md border border-gray-400 bg-white px-2 py-2";

  return (
    <div>
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-3xl font-bold">Timeline</h1>
        <a href="/timeline.atom" className="text-sm font-semibold text-brand underline">Atom feed</a>
      </div>
      <p className="mt-2 max-w-2xl text-muted">Every public event in order: petitions, thresholds, leadership&apos;s responses and commitments, and changes to monitoring programs.</p>
      <form action="/timeline" className="mt-4 grid gap-3 sm:grid-cols-4" aria-label="Filter the timeline">
        <div>
          <label htmlFor="petition" className="text-sm font-semibold">Petition</label>
          <select id="petition" name="petition" defaultValue={filters.petition ?? ""} className={select}>
            <option value="">All petitions</option>
            {petitions.map((p) => <option key={p.slug} value={p.slug}>{p.title}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="program" className="text-sm font-semibold">Program</label>
          <select id="program" name="program" defaultValue={filters.program ?? ""} className={select}>
            <option value="">All programs</option>
            {programs.map((p) => <option key={p.slug} value={p.slug}>{p.name}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="kind" className="text-sm font-semibold">Kind</label>
          <select id="kind" name="kind" defaultValue={filters.kind ?? ""} className={select}>
            <option value="">All kinds</option>
            {EVENT_KINDS.map((k) => <option key={k} value={k}>{EVENT_LABELS[k]}</option>)}
          </select>
        </div>
        <div className="flex items-end">
          <button type="submit" className="rounded-md bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">Filter</button>
        </div>
      </form>
      {"error" in page && page.error && <p role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-red-900">{page.error}</p>}
      <section aria-label="Events" className="mt-6" data-testid="timeline">
        {!params.cursor && <LiveTimeline filters={filters} />}
        {page.items.length === 0 ? <p className="text-muted">No events match.</p> : <TimelineList items={page.items} />}
      </section>
      {page.nextCursor && (
        <p className="mt-6"><Link href={`/timeline?${next.toString()}`} className="font-semibold text-brand underline">Older events</Link></p>
      )}
    </div>
  );
}
