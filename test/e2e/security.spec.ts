import { APP_ORIGIN, expect, MAIN_PETITION, openPetition, ssoSignIn, test } from "./support/fixtures";
import { freshPetition, heldToken } from "./support/sign-token";

const ORIGIN = APP_ORIGIN;

test("pages load nothing from any host but the app's own, under a strict CSP with nonces", async ({ page, as }) => {
  const foreign: string[] = [];
  const watch = (p: import("@playwright/test").Page) =>
    p.on("request", (r) => {
      const url = new URL(r.url());
      if (url.origin !== ORIGIN && url.protocol !== "data:" && url.protocol !== "blob:") foreign.push(r.url());
    });
  watch(page);
  for (const path of ["/", "/petitions", "/petitions?list=trending", "/programs", "/programs/flow-insights", "/programs/flow-insights/versions/2", "/timeline", "/what-we-store", "/moderation-log", "/signin"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
  }
  await openPetition(page, MAIN_PETITION);
  const { page: maya } = await as("maya");
  watch(maya);
  await openPetition(maya, MAIN_PETITION);
  await maya.getByRole("link", { name: "Open the organizer dashboard" }).click();
  await expect(maya.getByTestId("signature-chart").locator("svg").first()).toBeVisible();
  await maya.goto("/notifications");
  expect(foreign).toEqual([]);

  const res = await page.request.get("/petitions");
  const csp = res.headers()["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(res.headers()["strict-transport-security"]).toContain("max-age=");
  expect(res.headers()["referrer-policy"]).toBe("no-referrer");
  expect(res.headers()["x-frame-options"]).toBe("DENY");
  expect(res.headers()["permissions-policy"]).toContain("camera=()");
  // Signing and GET /api/me are answered before Next.js's router (server.mjs, docs/decisions/037),
  // with the same headers as every answer Next.js gives.
  const signing = await page.request.post("/api/petitions/no-such-petition/signature", { data: { visibility: "named" } });
  expect(signing.status()).toBe(401);
  const me = await page.request.get("/api/me?path=/petitions");
  expect(me.status()).toBe(401);
  for (const answer of [signing, me]) {
    for (const name of ["strict-transport-security", "x-frame-options", "x-content-type-options", "referrer-policy", "permissions-policy", "cross-origin-opener-policy"]) {
      expect(answer.headers()[name], name).toBe(res.headers()[name]);
    }
  }
  // No script runs without the request's nonce or the app's origin.
  await page.goto("/petitions");
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  const scripts = await page.locator("script").evaluateAll((els) =>
    els.map((e) => ({ nonce: (e as HTMLScriptElement).nonce, src: (e as HTMLScriptElement).src, type: e.getAttribute("type") ?? "", text: (e.textContent ?? "").slice(0, 60) })),
  );
  expect(scripts.length).toBeGreaterThan(0);
  // Inline scripts carry the nonce; external ones are the app's own chunks (loaded by trusted
  // scripts, which 'strict-dynamic' allows).
  for (const s of scripts) {
    if (s.src) expect(new URL(s.src).origin).toBe(ORIGIN);
    else expect(s.nonce, JSON.stringify(s)).not.toBe("");
  }
  expect(nonce).toBeTruthy();
});

test("signing is rate limited per account with a clear 429 and Retry-After", async ({ page }) => {
  await ssoSignIn(page, "omar.employee");
  // A petition opened just now: this browser collects its signing token on the next page load
  // (another spec's browser may hold Omar's token for older ones), and a named signature spends it.
  const { id, slug } = freshPetition(`Signing rate limit ${Date.now()}`);
  await page.goto(`/petitions/${slug}`);
  const token = await heldToken(page, id);
  expect(token).not.toBeNull();
  let limited: import("@playwright/test").APIResponse | null = null;
  for (let i = 0; i < 40 && !limited; i++) {
    const res = i % 2 === 0
      ? await page.request.post(`/api/petitions/${id}/signature`, { data: { visibility: "named", token } })
      : await page.request.delete(`/api/petitions/${id}/signature`);
    if (res.status() === 429) limited = res;
    else expect(res.status()).toBeLessThan(300);
  }
  expect(limited).not.toBeNull();
  expect(Number(limited!.headers()["retry-after"])).toBeGreaterThan(0);
  expect((await limited!.json()).error.message).toMatch(/Too many signature changes in a short time; try again in \d+ seconds/);
});

test("a form over the body limit says why, with and without the page's script, and the server answers 413", async ({ as, browser }) => {
  const { page, context } = await as("maya");
  const huge = "An official response pasted whole. ".repeat(32_000); // about 1.1 MB
  await page.goto("/petitions/new");
  // The field's limit stops typing and pasting at the domain's 20,000 characters.
  await expect(page.getByLabel("Background")).toHaveAttribute("maxlength", "20000");
  for (const el of await page.locator("form textarea").all()) expect(await el.getAttribute("maxlength")).toMatch(/^\d+$/);
  // A script can still put more in; the form then refuses to send it and says why.
  await page.getByLabel("Title").fill("Quiet hours for everyone, everywhere");
  await page.getByLabel("Background").evaluate((el, text) => {
    el.removeAttribute("maxlength");
    (el as HTMLTextAreaElement).value = text;
  }, huge);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "more than the 1 MB a request can carry" })).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue("Quiet hours for everyone, everywhere");

  // Without script the browser sends the form itself: the server's 413 is the page shown.
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await context.storageState() });
  const plain = await noScript.newPage();
  await plain.goto("/petitions/new");
  await plain.getByLabel("Title").fill("Quiet hours for everyone, everywhere");
  await plain.getByLabel("Background").evaluate((el, text) => {
    el.removeAttribute("maxlength");
    (el as HTMLTextAreaElement).value = text;
  }, huge);
  const [response] = await Promise.all([plain.waitForResponse((r) => r.request().method() === "POST"), plain.getByRole("button", { name: "Save draft" }).click()]);
  expect(response.status()).toBe(413);
  await expect(plain.locator("body")).toContainText("more than the 1 MB a request can carry. Shorten the text");
  await noScript.close();
});
