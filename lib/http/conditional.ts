// JSON answers that a browser, proxy or CDN may keep and revalidate cheaply: a strong ETag from
// the body's bytes, and 304 Not Modified when the request already holds that version
// (RFC 9110 §13.1.2). Used where many people poll the same public data (the live count).
import { createHash } from "node:crypto";

export function etagOf(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
}

/** Does an If-None-Match header (a list, possibly weak tags, or `*`) name this ETag? */
export function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => opaque(tag) === opaque(etag));
}

export function cacheableJson(request: Request, value: unknown, cacheControl: string): Response {
  const body = JSON.stringify(value);
  const etag = etagOf(body);
  const headers = { "Cache-Control": cacheControl, ETag: etag, Vary: "Accept-Encoding" };
  if (matchesIfNoneMatch(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers: { ...headers, "Content-Type": "application/json" } });
}
