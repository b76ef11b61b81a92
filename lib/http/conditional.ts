// JSON answers that a browser, proxy or CDN may keep and revalidate cheaply (RFC 9110 §13): a
// strong ETag from the body's bytes, a Last-Modified date, and 304 Not Modified when the request
// already holds that version. Used where many people poll the same public data (the live count):
// the body, its tag and its date are prepared once per version (prepareCacheable) and each
// request only compares headers (answerCacheable).
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

/**
 * A version's Last-Modified is given out only once it is this old. HTTP dates have whole seconds,
 * so a newer version written in the same second (or a little later by a server whose clock is
 * behind) would carry the same date and a client holding the older one would be told "not
 * modified"; once the version's second lies this far behind, any later version has a later date.
 */
export const LAST_MODIFIED_SETTLE_MS = 2_000;

export type Cacheable = { body: string; length: string; etag: string; modifiedSecond: number; lastModified: string };

/** The body of one version, its ETag and its Last-Modified date (whole seconds), computed once. */
export function prepareCacheable(value: unknown, modifiedAt: Date): Cacheable {
  const body = JSON.stringify(value);
  const modifiedSecond = Math.floor(modifiedAt.getTime() / 1000) * 1000;
  return { body, length: String(Buffer.byteLength(body)), etag: etagOf(body), modifiedSecond, lastModified: new Date(modifiedSecond).toUTCString() };
}

/** The validators a request may send: If-None-Match and If-Modified-Since, as raw header values. */
export type Validators = { ifNoneMatch: string | null; ifModifiedSince: string | null };

export type CacheableAnswer = { status: 200 | 304; headers: Record<string, string>; body: string | null };

/**
 * 304 when the request holds this version: by If-None-Match when it has one (which then decides
 * alone, RFC 9110 §13.1.3), else by If-Modified-Since once the version's date is settled.
 * Otherwise 200 with the prepared body. Plain values, so a route on Node's response (the count's,
 * pages/api) and one returning a web Response can both write it.
 */
export function answerCacheable(request: Validators, version: Cacheable, cacheControl: string, now: number = Date.now()): CacheableAnswer {
  const settled = now >= version.modifiedSecond + LAST_MODIFIED_SETTLE_MS;
  const headers: Record<string, string> = { "Cache-Control": cacheControl, ETag: version.etag, Vary: "Accept-Encoding" };
  if (settled) headers["Last-Modified"] = version.lastModified;
  const held = request.ifNoneMatch !== null ? matchesIfNoneMatch(request.ifNoneMatch, version.etag) : settled && notModifiedSince(request.ifModifiedSince, version.modifiedSecond);
  if (held) return { status: 304, headers, body: null };
  return { status: 200, headers: { ...headers, "Content-Type": "application/json", "Content-Length": version.length }, body: version.body };
}

function notModifiedSince(header: string | null, modifiedSecond: number): boolean {
  if (!header) return false;
  const since = Date.parse(header);
  return Number.isFinite(since) && since >= modifiedSecond;
}
