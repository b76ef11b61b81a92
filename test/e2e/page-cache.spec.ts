// The public page cache (decision 031) in a real browser against the production server: a
// signed-out visitor's petition page, list, timeline and home page come from memory, each response
// with its own Content-Security-Policy nonce and otherwise byte for byte what a rendering for that
// visitor gives; its scripts run (the fixtures fail the test on any console error, a refused
// script included); client navigation still gets React's payload; a hide and a new timeline event
// show at once, a signature live at once and in the HTML within the cache's two seconds; a
// signed-in person gets the same page with their own parts (test/e2e/shared-page.spec.ts).
import type { APIResponse } from "@playwright/test";
import { expect, readCount, test } from "./support/fixtures";
import { freshPetition } from "./support/sign-token";

const CACHE = "x-page-cache";

/** The response's nonce, after checking that its header and every script tag agree on it. */
async function nonceOf(response: APIResponse): Promise<{ nonce: string; body: string }> {
  const csp = response.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce, "the CSP names a nonce").toBeTruthy();
  const body = await response.text();
  const inTags = [...body.matchAll(/<script[^>]*\snonce="([^"]*)"/g)].map((m) => m[1]);
  expect(inTags.length).toBeGreaterThan(0);
  expect(new Set(inTags)).toEqual(new Set([nonce]));
  return { nonce: nonce!, body };
}

test("a signed-out visitor's pages come from memory, each with its own nonce, the same bytes as a rendering, and they run", async ({ page, context }) => {
  const petition = freshPetition(`Served from memory ${Date.now()}`);
  const path = `/petitions/${petition.slug}`;
  for (const address of [path, "/petitions", "/timeline", "/", "/petitions?state=closed"]) {
    const first = await page.request.get(address);
    const second = await page.request.get(address);
    expect(first.status(), address).toBe(200);
    expect(second.headers()[CACHE], address).toBe("hit");
    const a = await nonceOf(first);
    const b = await nonceOf(second);
    expect(a.nonce).not.toBe(b.nonce);
    expect(b.body.replaceAll(b.nonce, "N"), address).toBe(a.body.replaceAll(a.nonce, "N"));
  }

  // The same page rendered for this visitor alone (a request that says no cache may answer it,
  // as a hard reload does) is the cached page apart from the nonce.
  const cached = await nonceOf(await page.request.get(path));
  const rendered = await page.request.get(path, { headers: { "cache-control": "no-cache" } });
  expect(rendered.headers()[CACHE]).toBeUndefined();
  const own = await nonceOf(rendered);
  expect(own.body.replaceAll(own.nonce, "N")).toBe(cached.body.replaceAll(cached.nonce, "N"));

  // In the browser: the document is a hit, React hydrates (the copy button works), and a client
  // navigation gets React's payload, not the cached HTML.
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const visit = await page.goto(path);
  expect(visit?.headers()[CACHE]).toBe("hit");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Served from memory");
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByText("Copied", { exact: true })).toBeVisible();
  const payload = page.waitForResponse((r) => r.url().includes("_rsc=") && new URL(r.url()).pathname === "/timeline");
  await page.getByRole("link", { name: "Timeline" }).first().click();
  expect((await payload).headers()["content-type"]).toContain("text/x-component");
  await expect(page.getByRole("heading", { level: 1, name: "Timeline" })).toBeVisible();

  // Each language is its own entry.
  const german = await page.request.get(path, { headers: { cookie: "lang=de" } });
  expect(await german.text()).toContain('<html lang="de"');
  expect(await (await page.request.get(path)).text()).toContain('<html lang="en"');
});

test("changes reach signed-out visitors: a signature live at once and in the HTML within seconds; a hide and its event at once", async ({ page, as }) => {
  const title = `Cached and changed ${Date.now()}`;
  const petition = freshPetition(title);
  const path = `/petitions/${petition.slug}`;
  await page.goto(path);
  const before = await readCount(page);
  await page.request.get("/timeline");
  expect((await page.request.get(path)).headers()[CACHE]).toBe("hit");
  expect((await page.request.get("/timeline")).headers()[CACHE]).toBe("hit");

  // Maya signs. Signed in, she gets the shared page with her own parts, and sees her signature at once.
  const { page: maya } = await as("maya");
  const mine = await maya.goto(path);
  expect(["hit", "miss"]).toContain(mine?.headers()[CACHE]);
  await expect(maya.locator("html")).toHaveAttribute("data-viewer", "person");
  await maya.getByRole("radio", { name: /With my name/ }).check();
  await maya.getByRole("button", { name: "Sign", exact: true }).click();
  await expect(maya.getByText("You signed this petition with your name.")).toBeVisible();
  expect(await readCount(maya)).toBe(before + 1);

  // The signed-out page open meanwhile shows it live; a new view's HTML has it within the cache's
  // lifetime (two seconds), without anyone emptying the cache.
  await expect.poll(() => readCount(page), { timeout: 5_000 }).toBe(before + 1);
  await expect
    .poll(async () => Number(/data-testid="signature-count"[^>]*>([\d,.\s]+)</.exec(await (await page.request.get(path)).text())?.[1]?.replace(/\D/g, "")), { timeout: 5_000, intervals: [250] })
    .toBe(before + 1);

  // A moderator hides it: the very next signed-out view shows the hide, and the timeline its event.
  expect((await page.request.get(path)).headers()[CACHE]).toBe("hit");
  const { page: sam } = await as("sam");
  await sam.goto(path);
  await sam.getByLabel("Rule broken").selectOption("spam");
  await sam.getByLabel("Public explanation").fill("Posted twice by the test suite");
  await sam.getByRole("button", { name: "Hide this petition" }).click();
  await expect(sam.getByTestId("hidden-notice")).toBeVisible();
  await page.goto(path);
  await expect(page.getByTestId("hidden-notice")).toContainText("Posted twice by the test suite");
  await expect(page.getByTestId("ask")).toHaveCount(0);
  await page.goto("/timeline");
  await expect(page.getByTestId("timeline")).toContainText(title);
});
