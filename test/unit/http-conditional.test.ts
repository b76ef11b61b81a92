import { describe, expect, it } from "vitest";
import { cacheableJson, etagOf, matchesIfNoneMatch } from "@/lib/http/conditional";

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

  it("answers 304 without a body for a held version and 200 with the body otherwise", async () => {
    const fresh = cacheableJson(new Request("http://x/"), { n: 1 }, "public, max-age=2");
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get("cache-control")).toBe("public, max-age=2");
    expect(await fresh.json()).toEqual({ n: 1 });
    const again = cacheableJson(new Request("http://x/", { headers: { "if-none-match": fresh.headers.get("etag")! } }), { n: 1 }, "public, max-age=2");
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(fresh.headers.get("etag"));
  });
});
