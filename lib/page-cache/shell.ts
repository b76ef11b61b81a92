// A cached public page served to a signed-in person (docs/decisions/035): the same HTML every
// signed-out visitor gets, marked so that the page's script fetches this person's parts of it
// (lib/personal/) and puts them in its personal slots. Pure functions of the HTML, shared by the
// proxy, the layout and the tests; no server-only import, the browser reads the same names.

/** On `<html>`: who the page was rendered for. */
export const VIEWER_ATTRIBUTE = "data-viewer";
export type Viewer =
  /** Rendered without a session: the signed-out page. */
  | "visitor"
  /** Rendered for the signed-in person asking. */
  | "person"
  /** A signed-out rendering served to someone with a session cookie: their parts are on the way. */
  | "pending";

/**
 * A page whose signed-out rendering a signed-in person may get, their parts aside, says so with
 * `<meta name="undersigned-shell" content="shared">` (from its metadata). A page without it
 * (a hidden petition, whose moderators and organizers see more; a 404 that is a draft to its
 * organizers) is rendered for each signed-in request as before.
 */
export const SHELL_META_NAME = "undersigned-shell";
const SHELL_META = `<meta name="${SHELL_META_NAME}" content="shared"`;

/** The metadata field (Next.js's `other`) of a page that may be shared so; `shared` false says not. */
export const shellMetadata = (shared: boolean) => ({ other: { [SHELL_META_NAME]: shared ? "shared" : "own" } });

/**
 * The query parameter that asks for the page rendered for this request, never from the cache:
 * where a signed-in browser without script is sent, since it cannot fetch its parts.
 */
export const PERSONAL_PARAM = "personal";

/** Whether a signed-out rendering may be served to a signed-in person. */
export function sharesShell(status: number, html: string): boolean {
  // Only markup makes `<meta`: text and React's payload escape the "<" and the quotes.
  return status === 200 && html.includes(SHELL_META);
}

/** Where a browser without script goes for its own rendering of `pathAndQuery`. */
export function personalAddress(pathname: string, search: string): string {
  const query = new URLSearchParams(search);
  query.set(PERSONAL_PARAM, "1");
  return `${pathname}?${query.toString()}`;
}

const escapeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const VISITOR = `<html lang="`;

/**
 * The signed-out HTML as a signed-in person gets it: `<html>` says their parts are pending, and a
 * browser without script is sent at once to its own rendering (a refresh inside <noscript>, which
 * a browser that runs script ignores). Null when the HTML is not the layout's (nothing to mark).
 */
export function pendingShell(html: string, fallback: string): string | null {
  const marker = `${VIEWER_ATTRIBUTE}="visitor"`;
  const at = html.indexOf(marker);
  // The layout's <html> is the document's first element; the marker must be on it.
  const tag = html.indexOf(VISITOR);
  if (at < 0 || tag < 0 || at < tag || html.lastIndexOf("<", at) !== tag) return null;
  const headAt = html.indexOf("<head>", at);
  if (headAt < 0) return null;
  const refresh = `<noscript><meta http-equiv="refresh" content="0;url=${escapeAttribute(fallback)}"></noscript>`;
  const afterHead = headAt + "<head>".length;
  return `${html.slice(0, at)}${VIEWER_ATTRIBUTE}="pending"${html.slice(at + marker.length, afterHead)}${refresh}${html.slice(afterHead)}`;
}
