import type { Metadata } from "next";
import Link from "next/link";
import { PetitionCard } from "@/components/PetitionCard";
import { db } from "@/lib/db/server";
import { DomainError } from "@/lib/errors";
import { listPetitions, type PetitionPage } from "@/lib/petitions/queries";
import { PETITION_LISTS, type PetitionList, type PetitionSort } from "@/lib/petitions/schema";

export const metadata: Metadata = { title: "Petitions" };
export const dynamic = "force-dynamic";

const TABS: Record<PetitionList, string> = {
  open: "Open",
  trending: "Trending",
  awaiting: "Awaiting response",
  responded: "Responded",
  closed: "Closed",
};

const EMPTY: Record<PetitionList, string> = {
  open: "No petitions are open right now.",
  trending: "No petition has had signatures in the last 24 hours.",
  awaiting: "No petition is waiting for a leadership response.",
  responded: "Leadership has not responded to any petition yet.",
  closed: "No petition has closed yet.",
};

/** Each list's own order, in words; the sorts offered for it replace that order (trending has only its own). */
const OWN_ORDER: Record<PetitionList, string> = {
  open: "Newest",
  trending: "Most signed in 24 hours",
  awaiting: "Response due soonest",
  responded: "Latest response",
  closed: "Closed most recently",
};
const SORT_LABELS: Record<PetitionSort, string> = { newest: "Newest", signed: "Most signed", closing: "Closing soon" };
const SORTS_FOR: Record<PetitionList, PetitionSort[]> = {
  open: ["signed", "closing"],
  trending: [],
  awaiting: ["newest", "signed"],
  responded: ["newest", "signed"],
  closed: ["signed"],
};

export default async function PetitionsPage({ searchParams }: PageProps<"/petitions">) {
  const params = await searchParams;
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
    error = e.message;
  }
  const href = (extra: Record<string, string | undefined>) => {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries({ list, q, sort, ...extra })) if (v) sp.set(k, v);
    return `/petitions?${sp.toString()}`;
  };
  const orders: { key: PetitionSort | undefined; label: string }[] = [
    { key: undefined, label: OWN_ORDER[list] },
    ...SORTS_FOR[list].map((key) => ({ key, label: SORT_LABELS[key] })),
  ];

  return (
    <div>
      <h1 className="text-3xl font-bold">Petitions</h1>
      <form role="search" action="/petitions" className="mt-4 flex max-w-xl gap-2">
        <input type="hidden" name="list" value={list} />
        {sort && <input type="hidden" name="sort" value={sort} />}
        <label htmlFor="q" className="sr-only">Search petitions</label>
        <input id="q" name="q" type="search" defaultValue={q} maxLength={100} placeholder="Search titles and asks" className="min-w-0 flex-1 rounded-md border border-gray-400 bg-white px-3 py-2" />
        <button type="submit" className="rounded-md bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">Search</button>
      </form>
      <nav aria-label="Petition lists" className="mt-6 border-b border-gray-200">
        <ul className="-mb-px flex flex-wrap gap-1">
          {PETITION_LISTS.map((key) => (
            <li key={key}>
              <Link
                href={href({ list: key, sort: undefined, cursor: undefined })}
                aria-current={key === list ? "page" : undefined}
                className={`inline-block border-b-2 px-3 py-2 text-sm font-semibold ${key === list ? "border-brand text-brand" : "border-transparent text-muted hover:text-ink"}`}
              >
                {TABS[key]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <nav aria-label="Sort order" className="mt-3 flex flex-wrap items-center gap-2 text-sm" data-testid="sort-order">
        <span className="text-muted">Order:</span>
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
      <h2 className="sr-only">{TABS[list]} petitions{q ? ` matching “${q}”` : ""}</h2>
      {error && <p role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-red-900">{error}</p>}
      {page.items.length === 0 && !error ? (
        <div className="mt-6 rounded-xl border border-gray-200 bg-white p-6" data-testid="empty-list">
          <p className="font-semibold">{q ? `No ${TABS[list].toLowerCase()} petition matches “${q}”.` : EMPTY[list]}</p>
          <p className="mt-2 text-muted">{q ? "Try fewer or different words, look in another list, or start the petition yourself." : "Nothing here yet: you could be the first."}</p>
          <div className="mt-4 flex flex-wrap gap-3">
            <Link href="/petitions/new" className="rounded-md bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">Start a petition</Link>
            {q && <Link href={href({ q: undefined, cursor: undefined })} className="rounded-md border border-gray-400 bg-white px-4 py-2 font-semibold hover:bg-gray-50">Clear the search</Link>}
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
          <Link href={href({ cursor: page.nextCursor })} className="font-semibold text-brand underline">Next page</Link>
        </p>
      )}
    </div>
  );
}
