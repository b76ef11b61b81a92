import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PetitionCard } from "@/components/PetitionCard";
import { TimelineList } from "@/components/TimelineList";
import { db } from "@/lib/db/server";
import { requestLocale } from "@/lib/i18n/server";
import { listPetitions } from "@/lib/petitions/queries";
import { listRecentEvents } from "@/lib/timeline/queries";
import { shellMetadata } from "@/lib/page-cache/shell";

export const dynamic = "force-dynamic";

// The same for everyone but the header (docs/decisions/035).
export const metadata = shellMetadata(true);

/** As many columns as there are cards, up to three: one or two cards never sit in a three-column grid. */
function cardGrid(count: number): string {
  if (count >= 3) return "grid gap-4 md:grid-cols-2 lg:grid-cols-3";
  if (count === 2) return "grid gap-4 md:grid-cols-2";
  return "grid max-w-2xl gap-4";
}

export default async function HomePage() {
  const [trending, awaiting, open, events] = await Promise.all([
    listPetitions(db, { list: "trending", limit: 3 }),
    listPetitions(db, { list: "awaiting", limit: 3 }),
    listPetitions(db, { list: "open", limit: 3 }),
    requestLocale().then((locale) => listRecentEvents(db, 8, locale)),
  ]);
  const t = await getTranslations("HomePage");
  const featured = trending.items.length > 0 ? trending.items : open.items;

  return (
    <div className="grid gap-10">
      <section aria-labelledby="intro-heading">
        <h1 id="intro-heading" className="text-3xl font-extrabold tracking-tight sm:text-4xl">
          {t("heading")}
        </h1>
        <p className="mt-3 max-w-2xl text-lg text-muted">
          {t("intro")}
        </p>
        <div className="mt-5 flex flex-wrap gap-3">
          <Link href="/petitions" className="rounded-lg bg-brand px-5 py-2.5 font-semibold text-white hover:bg-brand-dark">{t("see")}</Link>
          <Link href="/petitions/new" className="rounded-lg border border-gray-400 bg-white px-5 py-2.5 font-semibold hover:bg-gray-50">{t("start")}</Link>
        </div>
      </section>

      <section aria-labelledby="now-heading">
        <h2 id="now-heading" className="text-2xl font-bold">{trending.items.length > 0 ? t("gathering") : t("open")}</h2>
        {featured.length === 0 ? (
          <p className="mt-3 text-muted">{t("noneOpen")}</p>
        ) : (
          <ul className={`mt-4 ${cardGrid(featured.length)}`} data-testid="featured-petitions">
            {featured.map((p) => <li key={p.id}><PetitionCard petition={p} /></li>)}
          </ul>
        )}
      </section>

      {awaiting.items.length > 0 && (
        <section aria-labelledby="awaiting-heading">
          <h2 id="awaiting-heading" className="text-2xl font-bold">{t("awaiting")}</h2>
          <ul className={`mt-4 ${cardGrid(awaiting.items.length)}`} data-testid="awaiting-petitions">
            {awaiting.items.map((p) => <li key={p.id}><PetitionCard petition={p} /></li>)}
          </ul>
        </section>
      )}

      <section aria-labelledby="events-heading">
        <h2 id="events-heading" className="text-2xl font-bold">{t("lately")}</h2>
        {events.length === 0 ? (
          <p className="mt-3 text-muted">{t("nothing")}</p>
        ) : (
          <div className="mt-4">
            <TimelineList items={events} testId="recent-events" />
            <p className="mt-3"><Link href="/timeline" className="font-semibold text-brand underline">{t("timeline")}</Link></p>
          </div>
        )}
      </section>
    </div>
  );
}
