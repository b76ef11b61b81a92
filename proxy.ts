// Security headers for every page (Next.js 16 "proxy", formerly middleware): a strict
// Content-Security-Policy with a fresh nonce per request, so only Next.js's own scripts run and
// the browser may talk to nothing but this site (promise 4: no third-party requests).
import { NextResponse, type NextRequest } from "next/server";
import { serverConfig } from "@/lib/config";
import { UNDECODABLE_MESSAGE, undecodablePath } from "@/lib/http/path";

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  // Broken percent-encoding makes Next.js fail while reading route parameters (a 500); refuse
  // such addresses here with a 400 that says what is wrong, as JSON for the API.
  if (undecodablePath(pathname)) {
    return pathname.startsWith("/api/")
      ? Response.json({ error: { code: "invalid_input", message: UNDECODABLE_MESSAGE } }, { status: 400, headers: { "Cache-Control": "no-store" } })
      : new Response(UNDECODABLE_MESSAGE, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  // API responses are JSON, feeds and streams, which run no scripts: no CSP nonce needed.
  if (pathname.startsWith("/api/")) return NextResponse.next();
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
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

  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Pages and the API (for the address check); not static files or the feed.
  matcher: [{ source: "/((?!_next/static|_next/image|icon.svg|timeline.atom).*)" }],
};
