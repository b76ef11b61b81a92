import type { Metadata } from "next";
import Link from "next/link";
import { PetitionCard } from "@/components/PetitionCard";
import { db } from "@/lib/db/server";
import { DomainError } from "@/lib/errors";
import { listPetitions, type PetitionPage } from "@/lib/petitions/queries";
import { PETITION_LISTS, type PetitionList } from "@/lib/petitions/schema";

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

export default async function PetitionsPage({ searchParams }: PageProps<"/petitions">) {
  const params = await searchParams;
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const list = (PETITION_LISTS as readonly string[]).includes(str(params.list) ?? "") ? (params.list as PetitionList) : "open";
  const q = str(params.q)?.slice(0, 100);
  let page: PetitionPage = { items: [], nextCursor: null };
  let error: string | null = null;
  try {
    page = await listPetitions(db, { list, q, cursor: str(params.cursor) });
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    error = e.message;
  }
  const href = (extra: Record<string, string | undefined>) => {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries({ list, q, ...extra })) if (v) sp.set(k, v);
    return `/petitions?${sp.toString()}`;
  };

  return (
    <div>
      <h1 className="text-3xl font-bold">Petitions</h1>
      <form role="search" action="/petitions" className="mt-4 flex max-w-xl gap-2">
        <input type="hidden" name="list" value={list} />
        <label htmlFor="q" className="sr-only">Search petitions</label>
        <input id="q" name="q" type="search" defaultValue={q} maxLength={100} placeholder="Search titles and asks" className="min-w-0 flex-1 rounded-md border border-gray-400 bg-white px-3 py-2" />
        <button type="submit" className="rounded-md bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">Search</button>
      </form>
      <nav aria-label="Petition lists" className="mt-6 border-b border-gray-200">
        <ul className="-mb-px flex flex-wrap gap-1">
          {PETITION_LISTS.map((key) => (
            <li key={key}>
              <Link
                href={href({ list: key, cursor: undefined })}
                aria-current={key === list ? "page" : undefined}
                className={`inline-block border-b-2 px-3 py-2 text-sm font-semibold ${key === list ? "border-brand text-brand" : "border-transparent text-muted hover:text-ink"}`}
              >
                {TABS[key]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <h2 className="sr-only">{TABS[list]} petitions{q ? ` matching “${q}”` : ""}</h2>
      {error && <p role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-red-900">{error}</p>}
      {page.items.length === 0 && !error ? (
        <p className="mt-6 text-muted">{q ? `No ${TABS[list].toLowerCase()} petition matches “${q}”.` : EMPTY[list]}</p>
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
