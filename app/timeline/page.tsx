import type { Metadata } from "next";
import { shellMetadata } from "@/lib/page-cache/shell";
import { requestLocale } from "@/lib/i18n/server";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LiveTimeline } from "@/components/LiveTimeline";
import { TimelineList } from "@/components/TimelineList";
import { db } from "@/lib/db/server";
import { DomainError } from "@/lib/errors";
import { EVENT_KINDS } from "@/lib/timeline/record";
import { listPublicPetitionChoices } from "@/lib/petitions/queries";
import { listProgramChoices } from "@/lib/programs";
import { feedQuery, listTimeline } from "@/lib/timeline/queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("TimelinePage");
  return { title: t("title"), alternates: { types: { "application/atom+xml": "/timeline.atom" } }, ...shellMetadata(true) };
}
export const dynamic = "force-dynamic";

export default async function TimelinePage({ searchParams }: PageProps<"/timeline">) {
  const params = await searchParams;
  const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);
  const filters = { petition: str(params.petition), program: str(params.program), kind: str(params.kind) };
  const [page, petitions, programs, t, kindName] = await Promise.all([
    listTimeline(db, { ...filters, cursor: str(params.cursor) }, await requestLocale()).catch(async (e: unknown) => {
      if (e instanceof DomainError) return { items: [], nextCursor: null, error: e.localized(await requestLocale()).message };
      throw e;
    }),
    listPublicPetitionChoices(db),
    listProgramChoices(db),
    getTranslations("TimelinePage"),
    getTranslations("EventKind"),
  ]);
  const next = new URLSearchParams(Object.entries({ ...filters, cursor: page.nextCursor ?? undefined }).filter((e): e is [string, string] => Boolean(e[1])));
  const select = "mt-1 block w-full rounded-md border border-gray-400 bg-white px-2 py-2";

  return (
    <div>
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <a href={`/timeline.atom${feedQuery(filters)}`} className="text-sm font-semibold text-brand underline">{t("atom")}</a>
      </div>
      <p className="mt-2 max-w-2xl text-muted">{t("intro")}</p>
      <form action="/timeline" className="mt-4 grid gap-3 sm:grid-cols-4" aria-label={t("filter")}>
        <div>
          <label htmlFor="petition" className="text-sm font-semibold">{t("petition")}</label>
          <select id="petition" name="petition" defaultValue={filters.petition ?? ""} className={select}>
            <option value="">{t("allPetitions")}</option>
            {petitions.map((p) => <option key={p.slug} value={p.slug}>{p.title}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="program" className="text-sm font-semibold">{t("program")}</label>
          <select id="program" name="program" defaultValue={filters.program ?? ""} className={select}>
            <option value="">{t("allPrograms")}</option>
            {programs.map((p) => <option key={p.slug} value={p.slug}>{p.name}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="kind" className="text-sm font-semibold">{t("kind")}</label>
          <select id="kind" name="kind" defaultValue={filters.kind ?? ""} className={select}>
            <option value="">{t("allKinds")}</option>
            {EVENT_KINDS.map((k) => <option key={k} value={k}>{kindName(k)}</option>)}
          </select>
        </div>
        <div className="flex items-end">
          <button type="submit" className="rounded-md bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">{t("submit")}</button>
        </div>
      </form>
      {"error" in page && page.error && <p role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-red-900">{page.error}</p>}
      <section aria-label={t("events")} className="mt-6" data-testid="timeline">
        {!params.cursor && <LiveTimeline filters={filters} />}
        {page.items.length === 0 ? <p className="text-muted">{t("none")}</p> : <TimelineList items={page.items} />}
      </section>
      {page.nextCursor && (
        <p className="mt-6"><Link href={`/timeline?${next.toString()}`} className="font-semibold text-brand underline">{t("older")}</Link></p>
      )}
    </div>
  );
}
