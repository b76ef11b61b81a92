// Which requests the public page cache may answer (docs/decisions/031), as a pure function of the
// request so the rule is tested on its own and the proxy only asks it.
//
// A page comes from the cache as a signed-out visitor would get it: a plain GET of a document (not a
// React Server Components request, not a prefetch) for one of the pages everyone reads. What such
// a rendering depends on is its address and its language, and nothing else (checked by
// test/e2e/page-cache.spec.ts, which compares a cached and a fresh rendering byte for byte apart
// from the nonce); so those two are the key. Someone signed in gets the same HTML with their own
// parts to follow (./shell.ts, docs/decisions/035), so the key does not depend on the session;
// whether there is one is sessionCookie()'s answer.
import { SESSION_COOKIES } from "@/lib/auth/session-token";
import type { Locale } from "@/i18n/locales";
import { PERSONAL_PARAM } from "./shell";

/** Longest address (path and query) kept: longer ones are rendered each time. */
export const MAX_KEY_LENGTH = 512;

// The petition list and the timeline take their filters and page from the query, so each query is
// its own entry. The home page and a petition's page are cached only without a query: the home
// page reads none, and on a petition's page `?invite=` and `?saved=` show things meant for one
// person.
const WITH_QUERY = new Set(["/petitions", "/timeline"]);
const WITHOUT_QUERY = /^\/(petitions\/(?!new$)[a-z0-9-]{1,200})?$/;

/** The petition a petition page's address names, or null for any other address. */
export function petitionSlugOfPath(pathname: string): string | null {
  return pathname.startsWith("/petitions/") && WITHOUT_QUERY.test(pathname) ? pathname.slice("/petitions/".length) : null;
}

export type CacheableRequest = {
  method: string;
  pathname: string;
  search: string;
  headers: Pick<Headers, "get" | "has">;
};

/** Whether the request carries a session (valid or not: the page's script asks the server). */
export function sessionCookie(cookieNames: Iterable<string>): boolean {
  for (const name of cookieNames) {
    // Auth.js splits a long session token into name.0, name.1, …
    if (SESSION_COOKIES.some((session) => name === session || name.startsWith(`${session}.`))) return true;
  }
  return false;
}

/** The cache key for a request the cache may answer, or null when it must be rendered for it. */
export function publicPageKey(request: CacheableRequest, locale: Locale): string | null {
  if (request.method !== "GET") return null;
  // Client navigations and prefetches ask for React's payload, not the document.
  if (request.headers.has("rsc") || request.headers.has("next-router-prefetch") || request.headers.has("next-router-state-tree")) return null;
  if (request.search.includes("_rsc=")) return null;
  const cacheable = WITH_QUERY.has(request.pathname) || (request.search === "" && WITHOUT_QUERY.test(request.pathname));
  if (!cacheable) return null;
  if (request.pathname.length + request.search.length > MAX_KEY_LENGTH) return null;
  // Asked for this request's own rendering: a browser without script sent there (./shell.ts), or a
  // reload that says no cache may answer it (Cache-Control: no-cache, as browsers send on a hard
  // reload). Neither costs more than any query the cache has not seen.
  if (request.search !== "" && new URLSearchParams(request.search).has(PERSONAL_PARAM)) return null;
  if (/\bno-cache\b/i.test(request.headers.get("cache-control") ?? "") || /\bno-cache\b/i.test(request.headers.get("pragma") ?? "")) return null;
  return `${locale} ${request.pathname}${request.search}`;
}
