// The public page cache's rules and memory (docs/decisions/031). The proxy's use of them, with a
// real server and browser, is in test/e2e/page-cache.spec.ts.
import { afterEach, describe, expect, it } from "vitest";
import { MAX_KEY_LENGTH, petitionSlugOfPath, publicPageKey, sessionCookie, type CacheableRequest } from "@/lib/page-cache/rules";
import { pendingShell, personalAddress, sharesShell, shellMetadata } from "@/lib/page-cache/shell";
import { fillNonce, FILL_HEADER } from "@/lib/page-cache/serve";
import { cachedPublicPage, MAX_BYTES, pageFillSecret, pagePlaceholderNonce, publicPageCacheState, purgePublicPages, type StoredPage } from "@/lib/page-cache/store";

const request = (over: Partial<CacheableRequest> & { header?: Record<string, string> } = {}): CacheableRequest => ({
  method: "GET",
  pathname: "/petitions/stop-recording-keystrokes",
  search: "",
  headers: new Headers(over.header ?? {}),
  ...over,
});

describe("which requests the cache may answer", () => {
  it("keys a signed-out GET of a public page by language and address", () => {
    expect(publicPageKey(request(), "en")).toBe("en /petitions/stop-recording-keystrokes");
    expect(publicPageKey(request(), "de")).toBe("de /petitions/stop-recording-keystrokes");
    expect(publicPageKey(request({ pathname: "/" }), "en")).toBe("en /");
    expect(publicPageKey(request({ pathname: "/petitions", search: "?state=closed&page=2" }), "en")).toBe("en /petitions?state=closed&page=2");
    expect(publicPageKey(request({ pathname: "/timeline", search: "?kind=response_posted" }), "de")).toBe("de /timeline?kind=response_posted");
  });

  it("knows a session by its cookie, whatever its name or chunk; the language and sign-in cookies are none", () => {
    for (const name of ["authjs.session-token", "__Secure-authjs.session-token", "authjs.session-token.0", "__Secure-authjs.session-token.1"]) {
      expect(sessionCookie(["lang", name]), name).toBe(true);
    }
    expect(sessionCookie(["lang", "authjs.csrf-token", "authjs.callback-url"])).toBe(false);
    expect(sessionCookie([])).toBe(false);
  });

  it("renders a request that asks for its own rendering: a browser without script sent there, or a hard reload", () => {
    expect(publicPageKey(request({ pathname: "/petitions", search: "?state=closed&personal=1" }), "en")).toBeNull();
    expect(publicPageKey(request({ pathname: "/timeline", search: "?personal=1" }), "en")).toBeNull();
    expect(publicPageKey(request({ search: "?personal=1" }), "en")).toBeNull();
    expect(publicPageKey(request({ header: { "cache-control": "no-cache" } }), "en")).toBeNull();
    expect(publicPageKey(request({ header: { pragma: "no-cache" } }), "en")).toBeNull();
    // A plain reload (max-age=0) may be answered from memory: the page is at most seconds old.
    expect(publicPageKey(request({ header: { "cache-control": "max-age=0" } }), "en")).not.toBeNull();
  });

  it("names the petition of a petition page's address, and none for any other", () => {
    expect(petitionSlugOfPath("/petitions/stop-recording-keystrokes")).toBe("stop-recording-keystrokes");
    for (const path of ["/petitions", "/petitions/new", "/petitions/a/signers", "/", "/timeline", "/petitions/UPPER", ""]) expect(petitionSlugOfPath(path), path).toBeNull();
  });

  it("renders anything but a document GET of the pages everyone reads", () => {
    expect(publicPageKey(request({ method: "POST" }), "en")).toBeNull();
    expect(publicPageKey(request({ method: "HEAD" }), "en")).toBeNull();
    // Client navigations and prefetches ask for React's payload.
    expect(publicPageKey(request({ header: { rsc: "1" } }), "en")).toBeNull();
    expect(publicPageKey(request({ header: { "next-router-prefetch": "1" } }), "en")).toBeNull();
    expect(publicPageKey(request({ header: { "next-router-state-tree": "%5B%5D" } }), "en")).toBeNull();
    expect(publicPageKey(request({ pathname: "/petitions", search: "?_rsc=1x2y" }), "en")).toBeNull();
    // One person's view of a petition, and pages that are not everyone's.
    expect(publicPageKey(request({ search: "?invite=abc" }), "en")).toBeNull();
    expect(publicPageKey(request({ search: "?saved=draft" }), "en")).toBeNull();
    expect(publicPageKey(request({ pathname: "/", search: "?x=1" }), "en")).toBeNull();
    for (const pathname of ["/petitions/new", "/petitions/a/edit", "/petitions/a/signers", "/my", "/programs/flow", "/moderation", "/petitions/UPPER"]) {
      expect(publicPageKey(request({ pathname }), "en"), pathname).toBeNull();
    }
    expect(publicPageKey(request({ pathname: "/petitions", search: `?q=${"x".repeat(MAX_KEY_LENGTH)}` }), "en")).toBeNull();
  });
});

describe("the server's own renderings for the cache", () => {
  it("get the placeholder nonce only with this process's secret", () => {
    expect(fillNonce(new Headers({ [FILL_HEADER]: pageFillSecret() }))).toBe(pagePlaceholderNonce());
    expect(fillNonce(new Headers())).toBeNull();
    expect(fillNonce(new Headers({ [FILL_HEADER]: "guess" }))).toBeNull();
    expect(fillNonce(new Headers({ [FILL_HEADER]: pagePlaceholderNonce() }))).toBeNull();
    expect(pagePlaceholderNonce()).toMatch(/^[A-Za-z0-9+/]{48}$/);
    expect(pageFillSecret()).not.toBe(pagePlaceholderNonce());
  });
});

describe("the cache's memory", () => {
  afterEach(() => purgePublicPages());

  const page = (body: string, status = 200, renderedAt = Date.now()): StoredPage => ({ status, headers: [["content-type", "text/html"]], body, renderedAt });

  it("renders once for every request within the lifetime, then again", async () => {
    let renders = 0;
    const render = async () => page(`v${++renders}`, 200, 1_000);
    const [a, b] = await Promise.all([cachedPublicPage("k", 2_000, render, 1_000), cachedPublicPage("k", 2_000, render, 1_000)]);
    expect(renders).toBe(1);
    expect([a?.hit, b?.hit]).toEqual([false, false]);
    expect((await cachedPublicPage("k", 2_000, render, 2_999))?.hit).toBe(true);
    const later = await cachedPublicPage("k", 2_000, render, 3_000);
    expect([later?.hit, later?.page.body, renders]).toEqual([false, "v2", 2]);
  });

  it("keeps only a 200, and nothing when rendering fails", async () => {
    let renders = 0;
    const notFound = async () => page(`missing ${++renders}`, 404);
    expect((await cachedPublicPage("gone", 2_000, notFound))?.page.status).toBe(404);
    expect((await cachedPublicPage("gone", 2_000, notFound))?.hit).toBe(false);
    expect(renders).toBe(2);
    expect(await cachedPublicPage("broken", 2_000, async () => Promise.reject(new Error("down")))).toBeNull();
    expect(await cachedPublicPage("broken", 2_000, async () => null)).toBeNull();
    expect(publicPageCacheState()).toEqual({ entries: 0, bytes: 0, filling: 0 });
  });

  it("forgets everything on a purge, and does not keep a rendering that began before it", async () => {
    await cachedPublicPage("a", 60_000, async () => page("old a"));
    let release!: (p: StoredPage) => void;
    const slow = cachedPublicPage("b", 60_000, () => new Promise<StoredPage>((resolve) => (release = resolve)));
    purgePublicPages();
    // A request after the purge does not join the rendering that began before it.
    let fresh = 0;
    const after = cachedPublicPage("b", 60_000, async () => page(`new b ${++fresh}`));
    release(page("old b"));
    expect((await slow)?.page.body).toBe("old b");
    expect((await after)?.page.body).toBe("new b 1");
    expect((await cachedPublicPage("b", 60_000, async () => page("unused")))?.page.body).toBe("new b 1");
    expect((await cachedPublicPage("a", 60_000, async () => page("new a")))?.page.body).toBe("new a");
  });

  it("holds at most MAX_BYTES, the least recently used going first", async () => {
    // Sixteen pages of the largest size kept fill it exactly.
    const size = MAX_BYTES / 16;
    const body = (c: string) => c.repeat(size);
    for (let i = 0; i < 16; i++) await cachedPublicPage(`p${i}`, 60_000, async () => page(body(String.fromCharCode(97 + i))));
    expect(publicPageCacheState().bytes).toBe(MAX_BYTES);
    // p0 used again: the next one in pushes out p1, the least recently used.
    expect((await cachedPublicPage("p0", 60_000, async () => page("x")))?.hit).toBe(true);
    await cachedPublicPage("p16", 60_000, async () => page(body("z")));
    expect(publicPageCacheState()).toMatchObject({ entries: 16, bytes: MAX_BYTES });
    expect((await cachedPublicPage("p0", 60_000, async () => page("x")))?.hit).toBe(true);
    expect((await cachedPublicPage("p1", 60_000, async () => page("x")))?.hit).toBe(false);
    // A page too big to share the cache is served but not kept.
    await cachedPublicPage("huge", 60_000, async () => page("h".repeat(MAX_BYTES / 16 + 1)));
    expect((await cachedPublicPage("huge", 60_000, async () => page("h")))?.hit).toBe(false);
  });
});

describe("a shared page served to someone signed in (decision 035)", () => {
  const shared = shellMetadata(true).other["undersigned-shell"];
  const html = (meta: string) =>
    `<!DOCTYPE html><html lang="en" data-viewer="visitor"><head><meta charSet="utf-8"/>${meta}<title>T</title></head><body><p>data-viewer=&quot;visitor&quot;</p></body></html>`;
  const page = html(`<meta name="undersigned-shell" content="${shared}"/>`);

  it("is only a 200 that says it may be shared", () => {
    expect(sharesShell(200, page)).toBe(true);
    expect(sharesShell(404, page)).toBe(false);
    expect(sharesShell(200, html(`<meta name="undersigned-shell" content="${shellMetadata(false).other["undersigned-shell"]}"/>`))).toBe(false);
    expect(sharesShell(200, html(""))).toBe(false);
    // Text or React's payload that spells the marker is escaped, so it is no marker.
    expect(sharesShell(200, html(`&lt;meta name=&quot;undersigned-shell&quot; content=&quot;shared&quot;`))).toBe(false);
    expect(sharesShell(200, html(`<script>self.__next_f.push([1,"<meta name=\\"undersigned-shell\\" content=\\"shared\\""])</script>`))).toBe(false);
  });

  it("says its parts are pending on <html>, and sends a browser without script to its own rendering", () => {
    const fallback = personalAddress("/petitions", "?q=a%22b&state=closed");
    expect(fallback).toBe("/petitions?q=a%22b&state=closed&personal=1");
    expect(personalAddress("/petitions/x", "")).toBe("/petitions/x?personal=1");
    const marked = pendingShell(page, `/x?a="<b>&personal=1`)!;
    expect(marked).toContain(`<html lang="en" data-viewer="pending"><head><noscript><meta http-equiv="refresh" content="0;url=/x?a=&quot;&lt;b&gt;&amp;personal=1"></noscript><meta charSet="utf-8"/>`);
    // Only <html> changes; the same words in the page's text stay.
    expect(marked.replace(/<noscript>.*?<\/noscript>/, "").replace('data-viewer="pending"', 'data-viewer="visitor"')).toBe(page);
    expect(pendingShell("<html><head></head><body></body></html>", "/x")).toBeNull();
    expect(pendingShell(`<!DOCTYPE html><html lang="en"><head></head><body data-viewer="visitor"></body></html>`, "/x")).toBeNull();
  });
});
