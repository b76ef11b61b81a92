// Which addresses the proxy runs for, compiled by Next.js's own matcher code from proxy.ts's
// config: everything but static files, the feed, the addresses pollers and open pages hold (the
// public count, decision 015; the live stream, decision 025), a person's view of a shared page
// (decision 035) and signing (decision 036), and those only in their exact form, so any other
// spelling still meets the proxy's address and body checks.
import { describe, expect, it } from "vitest";
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore Next.js ships this module without type declarations.
import { getMiddlewareMatchers } from "next/dist/build/analysis/get-page-static-info";
import { config } from "@/proxy";

const matchers = (getMiddlewareMatchers as (m: unknown, c: object) => { regexp: string }[])(config.matcher, {});
const runs = (path: string) => matchers.some((m) => new RegExp(m.regexp).test(path));

describe("the proxy's matcher", () => {
  it("runs for pages and the API", () => {
    for (const path of ["/", "/petitions", "/petitions/quiet-hours", "/api/petitions", "/api/petitions/abc/anonymous-signature", "/api/comments", "/admin"]) expect(runs(path), path).toBe(true);
  });

  it("skips static files, the feed, the public count, the live stream, a person's view and signing", () => {
    for (const path of ["/_next/static/chunks/a.js", "/icon.svg", "/timeline.atom", "/api/petitions/abc-123/count", "/api/stream", "/api/me", "/api/petitions/abc-123/signature"]) expect(runs(path), path).toBe(false);
  });

  it("still runs for every other spelling of those addresses", () => {
    for (const path of ["/api/str%65am", "/api/stream/x", "/api/streams", "/api/petitions/a%ZZ/count", "/api/petitions/abc/count/x", "/api/petitions/a%ZZ/signature", "/api/petitions/%2e%2e/signature", "/api/petitions/abc/signatures", "/api/me/x"]) expect(runs(path), path).toBe(true);
  });
});
