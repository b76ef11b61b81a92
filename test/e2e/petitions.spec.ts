import { domAudit, hits, WATCH } from "./support/xss-audit";
import { payloadTexts } from "./support/xss-payloads";
import { expect, MAIN_PETITION, openPetition, readCount, test } from "./support/fixtures";
import { anonymousDoor, heldToken } from "./support/sign-token";

test("anyone can read the demo petition; signing needs a sign-in", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.getByRole("link", { name: MAIN_PETITION }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: MAIN_PETITION })).toBeVisible();
  expect(await readCount(page)).toBeGreaterThan(1800);
  await expect(page.getByText("Flow Insights", { exact: false }).first()).toBeVisible();
  await expect(page.getByText(/Response due by/).first()).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Progress toward the goal" })).toBeVisible();
  await page.getByRole("button", { name: "Sign in to sign" }).click();
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fpetitions%2F/);
});

test("signing with a name moves the count, lists the name, and can be withdrawn", async ({ as, page }) => {
  // A signed-out reader watches the count while Jonas signs in another browser.
  await openPetition(page, MAIN_PETITION);
  const before = await readCount(page);

  const { page: jonas } = await as("jonas");
  await openPetition(jonas, MAIN_PETITION);
  await jonas.getByRole("radio", { name: /With my name/ }).check();
  await jonas.getByRole("button", { name: "Sign", exact: true }).click();
  await expect(jonas.getByRole("status")).toHaveText("Thank you. Your name is on the petition.");
  await expect(jonas.getByText("You signed this petition with your name.")).toBeVisible();
  expect(await readCount(jonas)).toBe(before + 1);
  // The full list of names shows his at once (read your writes, decision 019).
  const petitionUrl = jonas.url();
  await jonas.goto(`${petitionUrl}/signers`);
  await expect(jonas.getByTestId("named-signers")).toContainText("Jonas Berg");
  await jonas.goto(petitionUrl);

  // The reader's page moves without a reload.
  await expect.poll(() => readCount(page), { timeout: 15_000 }).toBe(before + 1);

  await jonas.getByRole("button", { name: "Withdraw my signature" }).click();
  await jonas.getByRole("button", { name: "Yes, withdraw my signature" }).click();
  await expect(jonas.getByRole("button", { name: "Sign", exact: true })).toBeVisible();
  expect(await readCount(jonas)).toBe(before);
  await jonas.goto(`${petitionUrl}/signers`);
  await expect(jonas.getByTestId("named-signers")).not.toContainText("Jonas Berg");
  await jonas.goto(petitionUrl);

  // Re-signing anonymously would let a reader see his name leave while the count stays: the form
  // offers only the name now and says why, and the API refuses it.
  await expect(jonas.getByText(/You signed this petition with your name and withdrew/)).toBeVisible();
  await expect(jonas.getByRole("radio", { name: /Anonymously/ })).toHaveCount(0);
  const id = await jonas.locator('input[name="petitionId"]').first().inputValue();
  // His browser's token signed by name; spent at the anonymous door it is refused, and the named
  // door refuses an anonymous signature outright (it would carry his account).
  const token = await heldToken(jonas, id);
  expect(token).not.toBeNull();
  const refused = await anonymousDoor(id, "POST", token!);
  expect(refused.status).toBe(409);
  expect(refused.body.error!.message).toMatch(/cannot also sign anonymously/);
  const named = await jonas.request.post(`/api/petitions/${id}/signature`, { data: { visibility: "anonymous" } });
  expect(named.status()).toBe(400);
  expect((await named.json()).error.message).toMatch(/without your account/);
  await jonas.waitForTimeout(2_500); // a batch later: still nothing counted
  expect(await readCount(jonas)).toBe(before);
});

test("an anonymous signature is counted but never listed, and works with the keyboard alone", async ({ as, page }) => {
  const { page: sam } = await as("sam");
  await openPetition(sam, MAIN_PETITION);
  const before = await readCount(sam);
  await sam.getByRole("radio", { name: /With my name/ }).focus();
  await sam.keyboard.press("ArrowDown");
  await expect(sam.getByRole("radio", { name: /Anonymously/ })).toBeChecked();
  // Signing anonymously never follows: the checkbox goes, and the form says what following tells the server.
  await expect(sam.getByRole("checkbox", { name: /Follow this petition/ })).toHaveCount(0);
  await expect(sam.getByText(/Signing anonymously does not follow the petition/)).toBeVisible();
  await sam.keyboard.press("Tab");
  await expect(sam.getByRole("button", { name: "Sign", exact: true })).toBeFocused();
  await sam.keyboard.press("Enter");
  // The browser spends its token without cookies; the signature waits for the next batch (2 s here).
  const status = sam.getByTestId("anonymous-status").getByRole("status");
  await expect(status).toContainText(/Your anonymous signature is queued|You signed this petition anonymously/);
  await expect(status).toContainText("You signed this petition anonymously.", { timeout: 15_000 });
  await expect.poll(() => readCount(sam), { timeout: 15_000 }).toBe(before + 1);

  await openPetition(page, MAIN_PETITION);
  await page.goto(`${page.url()}/signers`);
  await expect(page.getByTestId("named-signers")).not.toContainText("Sam Duarte");
  const api = await page.request.get(`/api/petitions?state=open&q=${encodeURIComponent("keystrokes")}`);
  const id = ((await api.json()) as { items: { id: string }[] }).items[0]!.id;
  const detail = await page.request.get(`/api/petitions/${id}`);
  expect(await detail.text()).not.toContain("Sam Duarte");
});

test("an employee starts a petition, co-sponsors open it, and drafts stay private", async ({ as }) => {
  const { page: jonas } = await as("jonas");
  await jonas.goto("/petitions/new");
  await expect(jonas.getByRole("heading", { level: 1, name: "Start a petition" })).toBeVisible();

  // A form with mistakes is refused field by field, keeping what was typed.
  await jonas.getByLabel("Title").fill("Too short");
  await jonas.getByRole("button", { name: "Save draft" }).click();
  await expect(jonas.getByText("The title needs at least 10 characters.").first()).toBeVisible();
  await expect(jonas.getByLabel("Title")).toHaveValue("Too short");
  await expect(jonas.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");

  const title = `Standing desks for every floor ${Date.now()}`;
  await jonas.getByLabel("Title").fill(title);
  await jonas.getByLabel("The ask").fill("Put at least ten standing desks on every office floor.");
  await jonas.getByLabel("Background").fill("Many of us have back problems. A **few desks** per floor would help.\n\n- cheap\n- quick");
  await jonas.getByLabel("Addressed to").fill("Workplace Services");
  await jonas.getByLabel("Signature goal").fill("150");
  await jonas.getByRole("button", { name: "Save draft" }).click();
  await expect(jonas.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(jonas.getByText("Draft", { exact: true })).toBeVisible();
  await expect(jonas.getByTestId("background").locator("strong")).toHaveText("few desks");
  const draftUrl = jonas.url();

  // Another employee cannot see the draft.
  const { page: maya, context: mayaContext } = await as("maya");
  expect((await mayaContext.request.get(draftUrl)).status()).toBe(404);

  await jonas.getByRole("button", { name: "Submit for co-sponsors" }).click();
  await expect(jonas.getByRole("heading", { name: "Co-sponsor link" })).toBeVisible();
  await expect(jonas.getByText("Gathering co-sponsors")).toBeVisible();
  const link = await jonas.getByLabel("Co-sponsor link").inputValue();
  expect(link).toContain("?invite=");

  for (const who of ["maya", "priya"] as const) {
    const { page: sponsor } = who === "maya" ? { page: maya } : await as(who);
    await sponsor.goto(link);
    await expect(sponsor.getByText("Gathering co-sponsors")).toBeVisible();
    await sponsor.getByRole("button", { name: "Co-sponsor" }).click();
    await expect(sponsor.getByRole("status")).toContainText(/Thank you/);
  }
  await jonas.reload();
  await expect(jonas.getByText("Open", { exact: true })).toBeVisible();
  expect(await readCount(jonas)).toBe(2);
  await jonas.goto(`/petitions?q=${encodeURIComponent(title)}`);
  await expect(jonas.getByRole("link", { name: title })).toBeVisible();
});

test("a script in the background never runs", async ({ as }) => {
  // Every payload of the shared list (support/xss-payloads.ts) through the real form and server
  // action; xss.spec.ts puts the same list into every other place people write.
  const { page } = await as("maya");
  await page.context().addInitScript(WATCH);
  let dialogs = 0;
  page.on("dialog", async (d) => {
    dialogs++;
    await d.dismiss();
  });
  await page.goto("/petitions/new");
  await page.getByLabel("Title").fill("A petition with hostile markup inside");
  await page.getByLabel("The ask").fill("Render this background safely for everyone.");
  await page.getByLabel("Background").fill(`Hello\n\n${payloadTexts().join("\n\n")}`);
  await page.getByLabel("Addressed to").fill("Security");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "A petition with hostile markup inside" })).toBeVisible();
  const background = page.getByTestId("background");
  await expect(background).toContainText("Hello");
  await expect(background).toContainText("top.__xss(");
  await expect(background.locator("script, img, svg, iframe, object, embed, style, form, input, base, meta")).toHaveCount(0);
  for (const link of await background.getByRole("link").all()) {
    const href = await link.getAttribute("href");
    expect(href === null || /^(https?:|mailto:)/.test(href), `href ${href}`).toBe(true);
  }
  await page.waitForTimeout(400);
  expect(await hits(page)).toEqual([]);
  expect(await page.evaluate(domAudit)).toEqual([]);
  expect(dialogs).toBe(0);
});

test("the JSON API signs once for many parallel requests and answers errors clearly", async ({ as, page }) => {
  const { context, page: lena } = await as("lena");
  const list = await context.request.get("/api/petitions?state=open&q=quiet%20hours");
  const petition = ((await list.json()) as { items: { id: string; signatureCount: number }[] }).items[0]!;
  // Her browser collected the petition's token on the first page load: a named signature spends it.
  const token = await heldToken(lena, petition.id);
  expect(token).not.toBeNull();
  // The count is cacheable by a proxy or CDN, and a poller holding its ETag gets a bodiless 304.
  const cached = await page.request.get(`/api/petitions/${petition.id}/count`);
  expect(cached.headers()["cache-control"]).toMatch(/public, max-age=\d+/);
  const etag = cached.headers()["etag"]!;
  expect(etag).toMatch(/^"[\w-]+"$/);
  const unchanged = await page.request.get(`/api/petitions/${petition.id}/count`, { headers: { "if-none-match": etag } });
  expect(unchanged.status()).toBe(304);
  expect(await unchanged.text()).toBe("");
  const responses = await Promise.all(
    Array.from({ length: 20 }, () =>
      context.request.post(`/api/petitions/${petition.id}/signature`, { data: { visibility: "named", token } }),
    ),
  );
  const statuses = responses.map((r) => r.status()).sort();
  expect(statuses.filter((s) => s === 201)).toHaveLength(1);
  expect(statuses.filter((s) => s === 200)).toHaveLength(19);
  const count = await (await context.request.get(`/api/petitions/${petition.id}/count`)).json();
  expect(count.signatureCount).toBe(petition.signatureCount + 1);
  const changed = await page.request.get(`/api/petitions/${petition.id}/count`, { headers: { "if-none-match": etag } });
  expect(changed.status()).toBe(200);
  expect(changed.headers()["etag"]).not.toBe(etag);

  const bad = await context.request.post(`/api/petitions/${petition.id}/signature`, { data: { visibility: "loudly" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toMatch(/"named" or "anonymous"/);

  const notJson = await context.request.post(`/api/petitions/${petition.id}/signature`, { data: "visibility=named", headers: { "content-type": "text/plain" } });
  expect(notJson.status()).toBe(400);

  const crossSite = await context.request.post(`/api/petitions/${petition.id}/signature`, {
    data: { visibility: "named" },
    headers: { origin: "https://evil.example" },
  });
  expect(crossSite.status()).toBe(403);

  const withdraw = await context.request.delete(`/api/petitions/${petition.id}/signature`);
  expect(withdraw.status()).toBe(200);
  expect((await withdraw.json()).status).toBe("withdrawn");
  const again = await context.request.delete(`/api/petitions/${petition.id}/signature`);
  expect(again.status()).toBe(404);

  // Signed out: 401 with a message.
  const anonymous = await page.request.post(`/api/petitions/${petition.id}/signature`, { data: { visibility: "named" } });
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).error.message).toBe("Sign in to sign a petition.");

  // A closed petition refuses with a clear message.
  const closedList = await context.request.get("/api/petitions?state=closed");
  const closed = ((await closedList.json()) as { items: { id: string }[] }).items[0]!;
  const refused = await context.request.post(`/api/petitions/${closed.id}/signature`, { data: { visibility: "named" } });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.message).toMatch(/closed on .* no longer accepts signatures/);

  const missing = await page.request.get("/api/petitions/does-not-exist/count");
  expect(missing.status()).toBe(404);
  expect((await page.request.get("/api/petitions?state=whatever")).status()).toBe(400);
});

test("lists, search and pages work, and the petition page fits a phone screen", async ({ page }) => {
  await page.goto("/petitions");
  await expect(page.getByRole("link", { name: "Open", exact: true })).toHaveAttribute("aria-current", "page");
  await page.getByRole("link", { name: "Closed" }).click();
  await expect(page.getByRole("link", { name: /Lisbon office library/ })).toBeVisible();
  await page.getByRole("link", { name: "Awaiting response" }).click();
  await expect(page.getByText(/Response overdue by \d+ days/).first()).toBeVisible();
  await page.getByRole("link", { name: "Trending" }).click();
  await expect(page.getByTestId("petition-list").getByRole("article").first()).toContainText("in the last 24 hours");
  await page.getByLabel("Search petitions").fill("library");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText(/No trending petition matches “library”/)).toBeVisible();

  await page.setViewportSize({ width: 375, height: 740 });
  await openPetition(page, MAIN_PETITION);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.reload();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
});
