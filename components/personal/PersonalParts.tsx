"use client";

// The browser's side of a shared page served to a signed-in person (docs/decisions/035). The proxy
// marks such a page `data-viewer="pending"` on <html>; the provider then asks GET /api/me once for
// this person's account and standing on the page, and the client parts that show them (the
// header, the Sign panel, Follow, the discussion's forms) re-render with it. Someone whose page
// has parts only the server renders (an organizer's tools, say) also gets those, from the
// personal-parts action, and each PersonalSlot shows its part in place of the signed-out one.
//
// A page the server rendered for its viewer (`account` given by the layout, slots `personal`)
// keeps what it has: the provider fetches nothing. So do client navigations and refreshes after
// an action, which the server renders for the person.
import { usePathname } from "next/navigation";
import { createContext, useContext, useEffect, useLayoutEffect, useState } from "react";
import { personalPartsAction } from "@/app/personal-actions";
import { personalAddress, VIEWER_ATTRIBUTE, type Viewer } from "@/lib/page-cache/shell";
import type { Account, PersonalView, PetitionViewer } from "@/lib/personal/view";

type Fetched = { path: string; view: PersonalView; parts: Record<string, React.ReactNode> | null };

const AccountContext = createContext<Account | null>(null);
const FetchedContext = createContext<Fetched | null>(null);

const setViewer = (viewer: Viewer) => document.documentElement.setAttribute(VIEWER_ATTRIBUTE, viewer);

async function fetchView(path: string): Promise<Fetched | null> {
  const response = await fetch(`/api/me?path=${encodeURIComponent(path)}`, { cache: "no-store" });
  // No valid session after all (it ended, or the cookie was never one): the signed-out page is theirs.
  if (response.status === 401) return null;
  if (!response.ok) throw new Error(`GET /api/me answered ${response.status}`);
  const view = (await response.json()) as PersonalView;
  const parts = view.petition?.serverParts ? await personalPartsAction() : null;
  return { path, view, parts };
}

export function PersonalParts({ account, children }: { account: Account | null; children: React.ReactNode }) {
  const [fetched, setFetched] = useState<Fetched | null>(null);
  useEffect(() => {
    if (document.documentElement.getAttribute(VIEWER_ATTRIBUTE) !== "pending") return;
    fetchView(location.pathname).then(
      (result) => (result ? setFetched(result) : setViewer("visitor")),
      // No answer (offline, a restart): the page rendered for this person instead.
      () => location.replace(personalAddress(location.pathname, location.search)),
    );
  }, []);
  // Before the browser paints the parts, so the signed-out ones never show in between.
  useLayoutEffect(() => {
    if (fetched) setViewer("person");
  }, [fetched]);
  // What the server rendered for this person is the freshest (a refresh after an action).
  return (
    <AccountContext value={account ?? fetched?.view.account ?? null}>
      <FetchedContext value={fetched}>{children}</FetchedContext>
    </AccountContext>
  );
}

/** The signed-in account looking at the page, or null. */
export function useAccount(): Account | null {
  return useContext(AccountContext);
}

/**
 * This person's standing on a public petition: as the server rendered it for them (`rendered`),
 * else as GET /api/me said for this page, else null (signed out, or not yet known).
 */
export function usePetitionViewer(petitionId: string, rendered: PetitionViewer | null): PetitionViewer | null {
  const fetched = useContext(FetchedContext);
  if (rendered) return rendered;
  const petition = fetched?.view.petition;
  return petition?.petitionId === petitionId ? petition : null;
}

/**
 * A public petition's count as GET /api/me read it for this page, or null; null too when the server
 * rendered the page for this person (`personal`), whose count is then the newer.
 */
export function useFetchedCount(petitionId: string, personal: boolean): number | null {
  const petition = useContext(FetchedContext)?.view.petition;
  return !personal && petition?.petitionId === petitionId ? petition.signatureCount : null;
}

/**
 * One part of a page that only the server renders for a person (lib/personal/view.ts says whose).
 * `children` is the part as the server rendered it; `personal` says whether that rendering was for
 * the person looking (else it is the signed-out part).
 */
export function PersonalSlot({ name, personal, children }: { name: string; personal: boolean; children: React.ReactNode }) {
  const fetched = useContext(FetchedContext);
  const pathname = usePathname();
  const parts = !personal && fetched?.path === pathname ? fetched.parts : null;
  return (
    <div data-personal="" className="contents">
      {parts && name in parts ? parts[name] : children}
    </div>
  );
}
