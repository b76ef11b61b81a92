// The proxy's side of the public page cache (docs/decisions/031): answers a signed-out visitor's
// GET of a page everyone reads from memory, and on a miss renders it once by asking this same
// server for it, as a visitor without cookies but the language would.
//
// The nonce: every page carries the Content-Security-Policy nonce of its response in its script
// tags. Renderings for the cache are made with the store's placeholder nonce; each response gets a
// fresh nonce written over the placeholder, so no two responses share one, as without the cache.
import { timingSafeEqual } from "node:crypto";
import { LOCALE_COOKIE, type Locale } from "@/i18n/locales";
import { pendingShell, sharesShell } from "./shell";
import { cachedPublicPage, pageFillSecret, pagePlaceholderNonce, type StoredPage } from "./store";

/** Marks the server's own request for a rendering to keep. */
export const FILL_HEADER = "x-undersigned-page-fill";
/** Says whether an answer came from the cache: "hit" or "miss" (tests and operators). */
export const CACHE_STATUS_HEADER = "x-page-cache";

// Headers a kept response does not repeat: the connection's own, the ones each response sets
// afresh (the proxy's Content-Security-Policy with its nonce; next.config's headers, which Next.js
// adds to whatever the proxy answers), and anything that is one person's.
const NOT_KEPT = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  "date",
  "content-security-policy",
  "strict-transport-security",
  "x-frame-options",
  "x-content-type-options",
  "referrer-policy",
  "permissions-policy",
  "cross-origin-opener-policy",
  CACHE_STATUS_HEADER,
]);

/**
 * The placeholder nonce when this request is the server's own rendering for the cache, else null.
 * The header's value is a secret of this process, so no one else can choose a page's nonce.
 */
export function fillNonce(headers: Pick<Headers, "get">): string | null {
  const claimed = headers.get(FILL_HEADER);
  if (!claimed) return null;
  const secret = Buffer.from(pageFillSecret());
  const given = Buffer.from(claimed);
  return given.length === secret.length && timingSafeEqual(given, secret) ? pagePlaceholderNonce() : null;
}

/** Where this server answers itself: Next.js sets PORT when it starts listening. */
function selfOrigin(port: number): string {
  return `http://127.0.0.1:${port}`;
}

async function render(origin: string, pathAndQuery: string, locale: Locale): Promise<StoredPage | null> {
  const renderedAt = Date.now();
  const response = await fetch(new URL(pathAndQuery, origin), {
    headers: { cookie: `${LOCALE_COOKIE}=${locale}`, "accept-language": locale, "accept-encoding": "identity", [FILL_HEADER]: pageFillSecret() },
    redirect: "manual",
    signal: AbortSignal.timeout(15_000),
  });
  // A page that sets a cookie is someone's; never keep or share it.
  if (response.headers.has("set-cookie")) {
    await response.body?.cancel();
    return null;
  }
  const headers: [string, string][] = [];
  response.headers.forEach((value, name) => {
    if (!NOT_KEPT.has(name)) headers.push([name, value]);
  });
  return { status: response.status, headers, body: await response.text(), renderedAt };
}

let lastFailureLog = 0;

/**
 * The answer for a cacheable request (see rules.ts for which), with `nonce` and `csp` of this
 * response; null when the page could not be rendered for the cache, and the request is then
 * rendered as usual. For a request with a session (`personal`), only a page that says it may be
 * shared with signed-in people (./shell.ts), marked so that the page fetches their parts; `fallback`
 * is where a browser without script goes instead.
 */
export async function servePublicPage(opts: {
  key: string;
  pathAndQuery: string;
  locale: Locale;
  ttlSeconds: number;
  port: number;
  nonce: string;
  csp: string;
  personal?: { fallback: string };
}): Promise<Response | null> {
  const lookup = await cachedPublicPage(opts.key, opts.ttlSeconds * 1000, () =>
    render(selfOrigin(opts.port), opts.pathAndQuery, opts.locale).catch(() => {
      // No address or page in the log: only that the cache is not working.
      if (Date.now() - lastFailureLog > 60_000) {
        lastFailureLog = Date.now();
        console.error("[page-cache] rendering a page for the cache failed; pages are rendered per request meanwhile");
      }
      return null;
    }),
  );
  if (!lookup) return null;
  const { page, hit } = lookup;
  let body = page.body;
  if (opts.personal) {
    const shell = sharesShell(page.status, body) ? pendingShell(body, opts.personal.fallback) : null;
    if (!shell) return null;
    body = shell;
  }
  const headers = new Headers(page.headers);
  headers.set("Content-Security-Policy", opts.csp);
  headers.set(CACHE_STATUS_HEADER, hit ? "hit" : "miss");
  if (hit) headers.set("Age", String(Math.max(0, Math.floor((Date.now() - page.renderedAt) / 1000))));
  return new Response(body.replaceAll(pagePlaceholderNonce(), opts.nonce), { status: page.status, headers });
}
