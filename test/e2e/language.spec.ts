// The interface in the person's language (issue 17.4, docs/decisions/029): the browser's
// Accept-Language picks it, the footer's switcher changes it and remembers it in one cookie that
// holds only the language, and every page stays free of axe violations in German too.
import { axeViolations as violations } from "./support/axe";
import { APP_ORIGIN, expect, MAIN_PETITION, openPetition, test } from "./support/fixtures";
import deClient from "@/messages/de/client.json";
import enClient from "@/messages/en/client.json";

const GERMAN = [{ name: "lang", value: "de", url: APP_ORIGIN }];

test("the browser's preferred language picks the interface's: German for German, English otherwise", async ({ browser, request }) => {
  // The negotiation itself, header by header (a browser sends only its own list).
  for (const [acceptLanguage, lang] of [
    ["de-CH,de;q=0.9,en;q=0.5", "de"],
    ["fr-FR,fr;q=0.9,de;q=0.8", "de"],
    ["en-GB,en;q=0.9,de;q=0.5", "en"],
    ["ja-JP", "en"],
    ["*", "en"],
    ["en_US;q=abc,,;", "en"],
  ] as const) {
    const html = await (await request.get("/programs", { headers: { "Accept-Language": acceptLanguage } })).text();
    expect(html, acceptLanguage).toContain(`<html lang="${lang}"`);
  }
  // And a browser set to German, as a person would have it.
  const context = await browser.newContext({ locale: "de-DE" });
  const page = await context.newPage();
  await page.goto("/programs");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("navigation").getByRole("link", { name: "Petitionen", exact: true })).toBeAttached();
  await context.close();
});

test("the switcher changes the language, stays on the page and remembers the choice in a cookie that holds only the language", async ({ page, context }) => {
  await page.goto("/programs");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  const switcher = page.getByTestId("language-switcher");
  await expect(switcher.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "true");
  await switcher.getByRole("button", { name: "Deutsch" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page).toHaveURL(/\/programs$/);
  await expect(page.getByTestId("language-switcher").getByRole("button", { name: "Deutsch" })).toHaveAttribute("aria-pressed", "true");

  const cookies = await context.cookies();
  const lang = cookies.find((c) => c.name === "lang");
  expect(lang).toMatchObject({ value: "de", httpOnly: true, sameSite: "Lax" });
  // A year, not for ever; and no other cookie was set for a signed-out visitor.
  expect(lang!.expires * 1000 - Date.now()).toBeGreaterThan(360 * 24 * 3600 * 1000);
  expect(lang!.expires * 1000 - Date.now()).toBeLessThan(366 * 24 * 3600 * 1000);
  expect(cookies.map((c) => c.name)).toEqual(["lang"]);

  // Remembered on the next visit, whatever the browser prefers.
  await page.goto("/timeline");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await page.getByTestId("language-switcher").getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page).toHaveURL(/\/timeline$/);
});

test("client components speak the page's language from the client code; a page's HTML carries only the words it shows", async ({ as, request }) => {
  // The client components' strings come with the client code, not in every page's payload
  // (components/IntlClientProvider.tsx, issue 15): a string no component shows here is absent.
  for (const [lang, messages] of [["en", enClient], ["de", deClient]] as const) {
    const page = await request.get("/petitions", { headers: { Cookie: `lang=${lang}` } });
    const html = await page.text();
    expect(html).toContain(`<html lang="${lang}"`);
    expect(html, lang).not.toContain(messages.WalletProblem.noAnswerKey);
    expect(html, lang).not.toContain(messages.BodyLimit.tooBig.slice(0, 30));
  }

  // Once the page's script runs, a client component says what only the browser decides, in German.
  const { page, context } = await as("maya");
  await context.addCookies(GERMAN);
  await page.goto("/petitions/new");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await page.getByLabel("Titel", { exact: true }).fill("Ruhezeiten für alle, überall");
  await page.getByLabel("Hintergrund").evaluate((el, text) => {
    el.removeAttribute("maxlength");
    (el as HTMLTextAreaElement).value = text;
  }, "Eine ganze Stellungnahme, eingefügt. ".repeat(32_000));
  await page.getByRole("button", { name: "Entwurf speichern" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Das ist mehr als die 1 MB, die eine Anfrage tragen kann." })).toBeVisible();
});

test("the switcher works without script", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/petitions");
  await page.getByTestId("language-switcher").getByRole("button", { name: "Deutsch" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page).toHaveURL(/\/petitions$/);
  await context.close();
});

test("a forged language or return address changes nothing and sends nobody elsewhere", async ({ page, context }) => {
  await page.goto("/programs");
  for (const returnTo of ["//evil.example/x", "https://evil.example/", "/\\evil.example"]) {
    await page.evaluate((returnTo) => {
      const input = document.querySelector<HTMLInputElement>('[data-testid="language-switcher"] input[name="returnTo"]');
      if (input) input.value = returnTo;
    }, returnTo);
    await page.getByTestId("language-switcher").getByRole("button", { name: "Deutsch" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    expect(new URL(page.url()).origin).toBe(APP_ORIGIN);
    await page.getByTestId("language-switcher").getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.goto("/programs");
  }
  await page.evaluate(() => {
    const button = document.querySelector<HTMLButtonElement>('[data-testid="language-switcher"] button[value="de"]');
    if (button) button.value = "xx";
  });
  await page.getByTestId("language-switcher").getByRole("button", { name: "Deutsch" }).click();
  await page.goto("/programs");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  expect((await context.cookies()).find((c) => c.name === "lang")?.value ?? "en").toBe("en");
});

test("the count and the live stream refuse in the request's language, as every other route does", async ({ request }) => {
  const refusals = [
    { url: "/api/petitions/no-such-petition/count", status: 404, de: "keine öffentliche Petition", en: "No public petition with this id." },
    { url: `/api/stream?petition=${"x".repeat(101)}`, status: 400, de: "höchstens eine Petitions-ID", en: "Give at most one petition id" },
  ];
  for (const { url, status, de, en } of refusals) {
    const german = await request.get(url, { headers: { "Accept-Language": "de-DE,de;q=0.9" } });
    expect(german.status(), url).toBe(status);
    expect(german.headers()["cache-control"], url).toBe("no-store");
    expect((await german.json()).error.message, url).toContain(de);
    // The remembered choice wins over the browser's list, and the code is the same in every language.
    const english = await request.get(url, { headers: { "Accept-Language": "de-DE", Cookie: "lang=en" } });
    const body = await english.json();
    expect(body.error.message, url).toContain(en);
    expect(body.error.code, url).toBe((await (await request.get(url, { headers: { "Accept-Language": "de" } })).json()).error.code);
  }
  const post = await request.post("/api/petitions/no-such-petition/count", { headers: { "Accept-Language": "de" } });
  expect(post.status()).toBe(405);
  expect((await post.json()).error.message).toBe("Der Zählerstand wird mit GET abgerufen.");
});

test("timeline events read in German, on the timeline and as they arrive live", async ({ browser, as }) => {
  const context = await browser.newContext({ locale: "de-DE" });
  const page = await context.newPage();
  await page.goto("/timeline");
  const timeline = page.getByTestId("timeline");
  await expect(timeline).toContainText("Petition eröffnet: ");
  await expect(timeline).toContainText("Geschäftsleitung hat auf „");
  for (const english of ["Petition opened:", "Leadership responded to", "Commitment kept:"]) await expect(timeline).not.toContainText(english);

  // An event recorded now reaches the German page in German through the live stream.
  const { page: maya } = await as("maya");
  await openPetition(maya, MAIN_PETITION);
  await maya.getByLabel("New update").fill(`Live update ${Date.now()}: for the German reader.`);
  await maya.getByRole("button", { name: "Post update to signers" }).click();
  await expect(page.getByTestId("live-events")).toContainText(`Neuigkeit von den Organisator:innen von „${MAIN_PETITION}“`, { timeout: 10_000 });
  await context.close();
});

test("German public pages have no axe violations", async ({ page }) => {
  test.setTimeout(120_000);
  const found: string[] = [];
  await page.context().addCookies(GERMAN);
  for (const path of ["/", "/petitions", "/programs", "/programs/flow-insights", "/timeline", "/what-we-store", "/moderation-log", "/accessibility", "/signin"]) {
    await page.goto(path);
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    found.push(...(await violations(page)).map((v) => `${path} ${v}`));
  }
  await openPetition(page, MAIN_PETITION);
  found.push(...(await violations(page)).map((v) => `petition ${v}`));
  expect(found).toEqual([]);
});

test("the German API page has no axe violations", async ({ page }) => {
  test.setTimeout(120_000);
  await page.context().addCookies(GERMAN);
  await page.goto("/developers");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  expect(await violations(page)).toEqual([]);
});

test("German signed-in pages have no axe violations", async ({ as }) => {
  test.setTimeout(180_000);
  const found: string[] = [];
  for (const [who, paths] of [
    ["maya", ["/petitions/new", "/my", "/notifications"]],
    ["lena", ["/admin"]],
    ["sam", ["/moderation"]],
    ["priya", ["/leadership"]],
  ] as const) {
    const { page: person, context } = await as(who);
    await context.addCookies(GERMAN);
    for (const path of paths) {
      await person.goto(path);
      await expect(person.locator("html")).toHaveAttribute("lang", "de");
      found.push(...(await violations(person)).map((v) => `${who} ${path} ${v}`));
    }
    if (who === "maya") {
      await openPetition(person, MAIN_PETITION);
      found.push(...(await violations(person)).map((v) => `maya petition ${v}`));
    }
  }
  expect(found).toEqual([]);
});
