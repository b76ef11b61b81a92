import { describe, expect, it } from "vitest";
import { answerCacheable, etagOf, LAST_MODIFIED_SETTLE_MS, matchesIfNoneMatch, prepareCacheable } from "@/lib/http/conditional";

describe("conditional JSON answers", () => {
  it("gives equal bodies equal ETags and different bodies different ones", () => {
    expect(etagOf('{"n":1}')).toBe(etagOf('{"n":1}'));
    expect(etagOf('{"n":1}')).not.toBe(etagOf('{"n":2}'));
    expect(etagOf("x")).toMatch(/^"[\w-]{22}"$/);
  });

  it("matches If-None-Match lists, weak tags and *", () => {
    const tag = etagOf("x");
    expect(matchesIfNoneMatch(null, tag)).toBe(false);
    expect(matchesIfNoneMatch(tag, tag)).toBe(true);
    expect(matchesIfNoneMatch(`"other", W/${tag}`, tag)).toBe(true);
    expect(matchesIfNoneMatch("*", tag)).toBe(true);
    expect(matchesIfNoneMatch(`"other"`, tag)).toBe(false);
  });

  const req = (headers: Record<string, string> = {}) => ({ ifNoneMatch: headers["if-none-match"] ?? null, ifModifiedSince: headers["if-modified-since"] ?? null });

  it("answers 304 without a body for a held version and 200 with the body otherwise", () => {
    const version = prepareCacheable({ n: 1 }, new Date("2026-12-01T10:00:00.700Z"));
    const fresh = answerCacheable(req(), version, "public, max-age=2");
    expect(fresh.status).toBe(200);
    expect(fresh.headers["Cache-Control"]).toBe("public, max-age=2");
    expect(JSON.parse(fresh.body!)).toEqual({ n: 1 });
    const again = answerCacheable(req({ "if-none-match": fresh.headers.ETag! }), version, "public, max-age=2");
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();
    expect(again.headers.ETag).toBe(fresh.headers.ETag);
    const other = prepareCacheable({ n: 2 }, new Date("2026-12-01T10:00:00.900Z"));
    expect(answerCacheable(req({ "if-none-match": version.etag }), other, "public").status).toBe(200);
  });

  it("gives Last-Modified in whole seconds once settled, and answers If-Modified-Since with it", () => {
    const modifiedAt = new Date("2026-12-01T10:00:00.700Z");
    const version = prepareCacheable({ n: 1 }, modifiedAt);
    const second = Date.parse("2026-12-01T10:00:00Z");
    const since = (date: string, now: number, extra: Record<string, string> = {}) =>
      answerCacheable(req({ "if-modified-since": date, ...extra }), version, "public", now);
    // Within the version's own second (and the settling time after it) a newer version could get the
    // same date, so none is given and If-Modified-Since gets the whole body.
    const early = answerCacheable(req(), version, "public", modifiedAt.getTime() + 100);
    expect(early.headers["Last-Modified"]).toBeUndefined();
    expect(since("Tue, 01 Dec 2026 10:00:00 GMT", modifiedAt.getTime() + 100).status).toBe(200);
    const settled = second + LAST_MODIFIED_SETTLE_MS;
    const later = answerCacheable(req(), version, "public", settled);
    expect(later.headers["Last-Modified"]).toBe("Tue, 01 Dec 2026 10:00:00 GMT");
    expect(since("Tue, 01 Dec 2026 10:00:00 GMT", settled).status).toBe(304);
    expect(since("Tue, 01 Dec 2026 10:00:05 GMT", settled).status).toBe(304);
    expect(since("Tue, 01 Dec 2026 09:59:59 GMT", settled).status).toBe(200);
    expect(since("not a date", settled).status).toBe(200);
    // If-None-Match decides alone when both are sent (RFC 9110 §13.1.3).
    expect(since("Tue, 01 Dec 2026 10:00:05 GMT", settled, { "if-none-match": '"other"' }).status).toBe(200);
  });
});
