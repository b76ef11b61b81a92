// Security headers for every page (Next.js 16 "proxy", formerly middleware): a strict
// Content-Security-Policy with a fresh nonce per request, so only Next.js's own scripts run and
// the browser may talk to nothing but this site (promise 4: no third-party requests).
import { NextResponse, type NextRequest } from "next/server";
import { serverConfig } from "@/lib/config";
import { LOCALE_COOKIE, localeFor } from "@/i18n/locales";
import { UNDECODABLE, undecodablePath } from "@/lib/http/path";
import { REQUEST_PATH_HEADER } from "@/lib/http/request-path";
import { renderMessage } from "@/lib/i18n/message";
import { refusalCode, refuseRequest, withheldSameOrigin } from "@/lib/http/request-guard";
import { publicPageKey, sessionCookie } from "@/lib/page-cache/rules";
import { personalAddress } from "@/lib/page-cache/shell";
import { fillNonce, servePublicPage } from "@/lib/page-cache/serve";

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  // Refusals are said in the request's language (its remembered choice, else Accept-Language).
  const locale = () => localeFor(request.cookies.get(LOCALE_COOKIE)?.value, request.headers.get("accept-language"));
  // Broken percent-encoding makes Next.js fail while reading route parameters (a 500); refuse
  // such addresses here with a 400 that says what is wrong, as JSON for the API.
  if (undecodablePath(pathname)) {
    const message = renderMessage(UNDECODABLE, locale());
    return pathname.startsWith("/api/")
      ? Response.json({ error: { code: "invalid_input", message } }, { status: 400, headers: { "Cache-Control": "no-store" } })
      : new Response(message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  // Bodies too big, not UTF-8, or server actions from elsewhere or not sent by a form of ours:
  // a 4xx saying what to do, before Next.js's action handler (which answers 500) or a route
  // (which would store U+FFFD) reads them. The refusal is plain text for forms (the browser shows
  // it, and Next.js's client reads it from a text/plain answer) and JSON for the API.
  const refusal = await refuseRequest(request, pathname);
  if (refusal) {
    const headers = { "Cache-Control": "no-store" };
    const message = renderMessage(refusal.text, locale());
    return pathname.startsWith("/api/")
      ? Response.json({ error: { code: refusalCode(refusal), message } }, { status: refusal.status, headers })
      : new Response(message, { status: refusal.status, headers: { ...headers, "Content-Type": "text/plain" } });
  }
  // API responses are JSON, feeds and streams, which run no scripts: no CSP nonce needed.
  if (pathname.startsWith("/api/")) return NextResponse.next();
  // The server's own rendering for the public page cache gets the cache's placeholder nonce,
  // which each response from the cache replaces with its own (docs/decisions/031).
  const filling = fillNonce(request.headers);
  const nonce = filling ?? Buffer.from(crypto.randomUUID()).toString("base64");
  const config = serverConfig();
  const dev = !config.production;
  // Single sign-on posts a form that redirects to the identity provider; allow exactly that origin.
  const idp = config.oidc ? new URL(config.oidc.issuer).origin : "";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Tailwind and the chart library set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${idp ? ` ${idp}` : ""}`,
    "frame-ancestors 'none'",
    "upgrade-insecure-requests",
  ]
    .filter((d) => !(d === "upgrade-insecure-requests" && request.nextUrl.protocol === "http:"))
    .join("; ");

  // A GET of a page everyone reads the same: from memory (docs/decisions/031); for someone signed
  // in, with their own parts fetched by the page (docs/decisions/035).
  if (!filling && config.production && config.UNDERSIGNED_PAGE_CACHE_SECONDS > 0) {
    const language = locale();
    const { search } = request.nextUrl;
    const key = publicPageKey({ method: request.method, pathname, search, headers: request.headers }, language);
    if (key) {
      const personal = sessionCookie(request.cookies.getAll().map((c) => c.name)) ? { fallback: personalAddress(pathname, search) } : undefined;
      const cached = await servePublicPage({ key, pathAndQuery: `${pathname}${search}`, locale: language, ttlSeconds: config.UNDERSIGNED_PAGE_CACHE_SECONDS, port: config.PORT, nonce, csp, personal });
      if (cached) return cached;
    }
  }

  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set(REQUEST_PATH_HEADER, pathname);
  const origin = withheldSameOrigin(request.headers);
  if (origin) headers.set("origin", origin);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Pages and the API (for the address check); not static files, the feed, the public count,
  // which pollers read most (issue 15: skipping this function is a quarter of its cost per
  // request), or the live stream, which every open page holds (a request through this function
  // keeps more of Next.js alive for as long as the stream is open, decision 025), or a signed-in
  // person's view of a shared page, which each such page asks for once (decision 035), or signing,
  // whose route refuses bodies as refuseRequest does (decision 036). Those addresses in the form
  // below have no percent sign; any other form still comes through here.
  matcher: [{ source: "/((?!_next/static|_next/image|icon.svg|timeline.atom|api/petitions/[\\w-]+/count$|api/petitions/[\\w-]+/signature$|api/stream$|api/me$).*)" }],
};
