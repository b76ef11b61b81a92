import type { Metadata } from "next";
import { shellMetadata } from "@/lib/page-cache/shell";
import { requestLocale } from "@/lib/i18n/server";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PetitionCard } from "@/components/PetitionCard";
import { db } from "@/lib/db/server";
import { DomainError } from "@/lib/errors";
import { listPetitions, type PetitionPage } from "@/lib/petitions/queries";
import { PETITION_LISTS, type PetitionList, type PetitionSort } from "@/lib/petitions/schema";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("PetitionsPage");
  return { title: t("title"), ...shellMetadata(true) };
}
export const dynamic = "force-dynamic";

/** Each list's own order is named in PetitionsPage.ownOrder; the sorts offered for it replace that order (trending has only its own). */
const SORTS_FOR: Record<PetitionList, PetitionSort[]> = {
  open: ["signed", "closing"],
  trending: [],
  awaiting: ["newest", "signed"],
  responded: ["newest", "signed"],
  closed: ["signed"],
};

export default async function PetitionsPage({ searchParams }: PageProps<"/petitions">) {
  const [params, t] = await Promise.all([searchParams, getTranslations("PetitionsPage")]);
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const list = (PETITION_LISTS as readonly string[]).includes(str(params.list) ?? "") ? (params.list as PetitionList) : "open";
  const q = str(params.q)?.slice(0, 100);
  const sort = SORTS_FOR[list].find((s) => s === str(params.sort));
  let page: PetitionPage = { items: [], nextCursor: null };
  let error: string | null = null;
  try {
    page = await listPetitions(db, { list, q, sort, cursor: str(params.cursor) });
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    error = e.localized(await requestLocale()).message;
  }
  const href = (extra: Record<string, string | undefined>) => {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries({ list, q, sort, ...extra })) if (v) sp.set(k, v);
    return `/petitions?${sp.toString()}`;
  };
  const orders: { key: PetitionSort | undefined; label: string }[] = [
    { key: undefined, label: t(`ownOrder.${list}`) },
    ...SORTS_FOR[list].map((key) => ({ key, label: t(`sorts.${key}`) })),
  ];

  return (
    <div>
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <form role="search" action="/petitions" className="mt-4 flex max-w-xl gap-2">
        <input type="hidden" name="list" value={list} />
        {sort && <input type="hidden" name="sort" value={sort} />}
        <label htmlFor="q" className="sr-only">{t("searchLabel")}</label>
        <input id="q" name="q" type="search" defaultValue={q} maxLength={100} placeholder={t("searchPlaceholder")} className="min-w-0 flex-1 rounded-md border border-gray-400 bg-white px-3 py-2" />
        <button type="submit" className="rounded-md bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">{t("search")}</button>
      </form>
      <nav aria-label={t("lists")} className="mt-6 border-b border-gray-200">
        <ul className="-mb-px flex flex-wrap gap-1">
          {PETITION_LISTS.map((key) => (
            <li key={key}>
              <Link
                href={href({ list: key, sort: undefined, cursor: undefined })}
                aria-current={key === list ? "page" : undefined}
                className={`inline-block border-b-2 px-3 py-2 text-sm font-semibold ${key === list ? "border-brand text-brand" : "border-transparent text-muted hover:text-ink"}`}
              >
                {t(`tabs.${key}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <nav aria-label={t("sortOrder")} className="mt-3 flex flex-wrap items-center gap-2 text-sm" data-testid="sort-order">
        <span className="text-muted">{t("order")}</span>
        {orders.length === 1 ? (
          <span className="font-semibold">{orders[0]!.label}</span>
        ) : (
          <ul className="flex flex-wrap gap-2">
            {orders.map((o) => (
              <li key={o.key ?? "own"}>
                <Link
                  href={href({ sort: o.key, cursor: undefined })}
                  aria-current={o.key === sort ? "true" : undefined}
                  className={`inline-block rounded-full border px-3 py-1 font-semibold ${o.key === sort ? "border-brand bg-brand text-white" : "border-gray-400 bg-white hover:bg-gray-50"}`}
                >
                  {o.label}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </nav>
      <h2 className="sr-only">{q ? t("headingMatching", { list: t(`tabs.${list}`), q }) : t("heading", { list: t(`tabs.${list}`) })}</h2>
      {error && <p role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-red-900">{error}</p>}
      {page.items.length === 0 && !error ? (
        <div className="mt-6 rounded-xl border border-gray-200 bg-white p-6" data-testid="empty-list">
          <p className="font-semibold">{q ? t("noMatch", { list, q }) : t(`empty.${list}`)}</p>
          <p className="mt-2 text-muted">{q ? t("tryOther") : t("beFirst")}</p>
          <div className="mt-4 flex flex-wrap gap-3">
            <Link href="/petitions/new" className="rounded-md bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">{t("start")}</Link>
            {q && <Link href={href({ q: undefined, cursor: undefined })} className="rounded-md border border-gray-400 bg-white px-4 py-2 font-semibold hover:bg-gray-50">{t("clear")}</Link>}
          </div>
        </div>
      ) : (
        <ul className="mt-6 grid gap-4" data-testid="petition-list">
          {page.items.map((p) => (
            <li key={p.id}><PetitionCard petition={p} /></li>
          ))}
        </ul>
      )}
      {page.nextCursor && (
        <p className="mt-6">
          <Link href={href({ cursor: page.nextCursor })} className="font-semibold text-brand underline">{t("next")}</Link>
        </p>
      )}
    </div>
  );
}
