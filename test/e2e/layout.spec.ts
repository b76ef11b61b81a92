// Layout at a phone's width (390 px) and a laptop's (1280 px), for every role: the header is one
// row with every link at 1280 and a "Menu" disclosure on a phone, no main page scrolls sideways,
// axe finds nothing, and a screenshot of each page is written for people to look at
// (test/.tmp/screenshots/<width>/<role>-<page>.png; never compared pixel by pixel). This is the
// suite's axe pass over the English pages, signed out and for every role (a11y.spec.ts has the
// API page and the statement; language.spec.ts the German pages).
//
// A public page that shows everyone the same content but the header is checked in full for the
// visitor; for each signed-in role it gets the header and sideways-scrolling checks, while axe and
// the screenshot run on the pages whose content depends on who reads them, and on the role's own
// pages, where the role's header is checked by axe at each width.
import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { axeViolations } from "./support/axe";
import { expect, MAIN_PETITION, test, type PersonaKey } from "./support/fixtures";

const SCREENSHOTS = "test/.tmp/screenshots";
const WIDTHS = [390, 1280] as const;

/** Each role's demo persona (lib/demo/personas.ts); "visitor" is not signed in. */
const ROLES: { role: string; who: PersonaKey | null; pages: string[] }[] = [
  { role: "visitor", who: null, pages: ["signers", "/programs/flow-insights", "/programs/flow-insights/versions/2", "/petitions?list=closed", "/what-we-store", "/accessibility", "/signin"] },
  { role: "employee", who: "tomas", pages: ["/my", "/notifications"] },
  { role: "organizer", who: "maya", pages: ["/my", "/notifications", "dashboard", "/petitions/new"] },
  { role: "leadership", who: "priya", pages: ["/leadership", "/programs/flow-insights", "/my", "/notifications"] },
  { role: "moderator", who: "sam", pages: ["/my", "/moderation"] },
  { role: "admin", who: "lena", pages: ["/my", "/admin", "/programs/new", "/programs/flow-insights/edit"] },
];
const PUBLIC_PAGES = ["/", "/petitions", "petition", "/programs", "/timeline", "/moderation-log"];
/** Public pages whose content (not only the header) depends on who reads them: the sign panel and
 * organizer tools on a petition, "Add a program" for admins. */
const PERSONAL_PUBLIC_PAGES = new Set(["petition", "/programs"]);

const fileName = (path: string) => (path === "/" ? "home" : path.replace(/^\//, "").replace(/[^a-z0-9]+/gi, "-"));

async function petitionPath(page: Page): Promise<string> {
  await page.goto(`/petitions?q=${encodeURIComponent(MAIN_PETITION)}`);
  const href = await page.getByRole("link", { name: MAIN_PETITION }).first().getAttribute("href");
  expect(href).toMatch(/^\/petitions\//);
  return href!;
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The vertical centre of every visible item in the header's row, rounded. */
async function headerRowCentres(page: Page): Promise<number[]> {
  return page.getByTestId("site-header").evaluate((header) => {
    const items = [...header.querySelectorAll("a, summary, button, [data-testid='signed-in-as']")].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden";
    });
    return items.map((el) => {
      const r = el.getBoundingClientRect();
      return Math.round(r.top + r.height / 2);
    });
  });
}

for (const width of WIDTHS) {
  for (const { role, who, pages } of ROLES) {
    test(`${role} at ${width} px: header, no sideways scrolling, no axe violations, screenshots`, async ({ page: visitorPage, as }) => {
      test.setTimeout(180_000);
      const page = who ? (await as(who)).page : visitorPage;
      await page.setViewportSize({ width, height: width < 600 ? 844 : 800 });
      const petition = await petitionPath(page);
      const dir = `${SCREENSHOTS}/${width}`;
      mkdirSync(dir, { recursive: true });
      const problems: string[] = [];

      for (const path of [...PUBLIC_PAGES, ...pages]) {
        const url = path === "petition" ? petition : path === "dashboard" || path === "signers" ? `${petition}/${path}` : path;
        const response = await page.goto(url);
        expect(response?.status(), url).toBeLessThan(400);
        await page.waitForLoadState("load");
        // The dashboard's chart draws after load; axe should see it.
        if (path === "dashboard") await expect(page.getByTestId("signature-chart").locator("svg").first()).toBeVisible();
        const overflow = await horizontalOverflow(page);
        if (overflow > 0) problems.push(`${url} scrolls sideways by ${overflow} px at ${width} px`);

        const header = page.getByTestId("site-header");
        const menuButton = header.locator("summary", { hasText: "Menu" });
        const petitionsLink = header.getByRole("link", { name: "Petitions", exact: true });
        if (width === 1280) {
          // Every link and the account in one row: the same vertical centre (a wrapped row differs by 30 px or more).
          await expect(menuButton).toBeHidden();
          await expect(petitionsLink).toBeVisible();
          const centres = await headerRowCentres(page);
          expect(centres.length, "header items").toBeGreaterThanOrEqual(who ? 8 : 6);
          if (Math.max(...centres) - Math.min(...centres) > 6) problems.push(`${url}: the header wraps at 1280 px (centres ${centres.join(", ")})`);
        } else {
          await expect(menuButton).toBeVisible();
          await expect(petitionsLink).toBeHidden();
          const box = await header.boundingBox();
          if (!box || box.height > 72) problems.push(`${url}: the phone header is ${box?.height} px tall`);
        }

        const sameAsVisitors = who !== null && PUBLIC_PAGES.includes(path) && !PERSONAL_PUBLIC_PAGES.has(path);
        if (sameAsVisitors) continue;
        problems.push(...(await axeViolations(page)).map((v) => `${url} at ${width} px: ${v}`));
        await page.screenshot({ path: `${dir}/${role}-${fileName(path)}.png`, fullPage: true });
      }

      if (width === 390) {
        // The menu opens and closes as a disclosure, and holds every link and the account.
        await page.goto("/");
        const header = page.getByTestId("site-header");
        const menuButton = header.locator("summary", { hasText: "Menu" });
        await menuButton.click();
        await expect(page.getByTestId("site-menu")).toHaveAttribute("open", "");
        await expect(header.getByRole("link", { name: "Timeline" })).toBeVisible();
        if (who) {
          await expect(header.getByTestId("signed-in-as")).toBeVisible();
          await expect(header.getByRole("button", { name: "Sign out" })).toBeVisible();
        } else {
          await expect(header.getByRole("link", { name: "Sign in" })).toBeVisible();
        }
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        problems.push(...(await axeViolations(page)).map((v) => `menu open at 390 px: ${v}`));
        await page.screenshot({ path: `${dir}/${role}-menu-open.png` });
        await menuButton.click();
        await expect(header.getByRole("link", { name: "Timeline" })).toBeHidden();
      }
      expect(problems).toEqual([]);
    });
  }
}

test("the phone menu opens without script", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto("/timeline");
  const header = page.getByTestId("site-header");
  await expect(header.getByRole("link", { name: "Programs" })).toBeHidden();
  await header.locator("summary", { hasText: "Menu" }).click();
  await expect(header.getByRole("link", { name: "Programs" })).toBeVisible();
  await header.getByRole("link", { name: "Programs" }).click();
  await expect(page).toHaveURL(/\/programs$/);
  await context.close();
});

test("timeline marks differ by kind and the date column stays narrow on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/timeline");
  const items = page.getByTestId("timeline").locator("li[data-kind]");
  await expect(items.first()).toBeVisible();
  // Kept and missed commitments, responses, openings and closings: each its own tone and words.
  const tones = await items.evaluateAll((lis) => Object.fromEntries(lis.map((li) => [li.getAttribute("data-kind"), li.getAttribute("data-tone")])));
  const kinds = Object.keys(tones);
  expect(kinds).toEqual(expect.arrayContaining(["petition_opened", "response_posted"]));
  if (tones.commitment_kept && tones.commitment_missed) expect(tones.commitment_kept).not.toBe(tones.commitment_missed);
  expect(tones.petition_opened).not.toBe(tones.response_posted);
  for (const kind of kinds) {
    const item = items.and(page.locator(`[data-kind='${kind}']`)).first();
    await expect(item.locator("[data-tone]").first()).not.toHaveText("");
  }
  // On a phone the date sits above the summary, not in a column beside it.
  const first = items.first();
  const date = await first.getByTestId("event-date").boundingBox();
  const row = await first.boundingBox();
  expect(date && row).toBeTruthy();
  const summary = await first.locator("p").first().boundingBox();
  expect(summary!.width / row!.width).toBeGreaterThan(0.9);
  expect(summary!.y).toBeGreaterThanOrEqual(date!.y + date!.height - 1);

  await page.setViewportSize({ width: 1280, height: 800 });
  const wideDate = await first.getByTestId("event-date").boundingBox();
  const wideRow = await first.boundingBox();
  expect(wideDate!.width / wideRow!.width).toBeLessThan(0.2);
  const wideSummary = await first.locator("p").first().boundingBox();
  expect(Math.abs(wideSummary!.y - wideDate!.y)).toBeLessThan(6);
});

test("the petition list sorts in the URL and an empty search offers a next step", async ({ page }) => {
  await page.goto("/petitions");
  const order = page.getByTestId("sort-order");
  await order.getByRole("link", { name: "Most signed" }).click();
  await expect(page).toHaveURL(/sort=signed/);
  await expect(order.getByRole("link", { name: "Most signed" })).toHaveAttribute("aria-current", "true");
  const counts = await page.getByTestId("petition-list").getByRole("article").evaluateAll((cards) =>
    cards.map((c) => Number((c.querySelector("strong")?.textContent ?? "").replace(/\D/g, ""))),
  );
  expect(counts.length).toBeGreaterThan(1);
  expect(counts).toEqual([...counts].sort((a, b) => b - a));
  await order.getByRole("link", { name: "Closing soon" }).click();
  await expect(page).toHaveURL(/sort=closing/);

  // The search keeps the sort; an empty result offers to start a petition or clear the search.
  await page.getByLabel("Search petitions").fill("nothing at all matches this");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/sort=closing/);
  const empty = page.getByTestId("empty-list");
  await expect(empty).toContainText("No open petition matches “nothing at all matches this”");
  await expect(empty.getByRole("link", { name: "Start a petition" })).toHaveAttribute("href", "/petitions/new");
  await empty.getByRole("link", { name: "Clear the search" }).click();
  await expect(page).not.toHaveURL(/q=/);
  await expect(page.getByTestId("petition-list").getByRole("article").first()).toBeVisible();
});

test("home: as many columns as cards, and badges carry words and a mark", async ({ page }) => {
  await page.goto("/");
  for (const id of ["featured-petitions", "awaiting-petitions"]) {
    const list = page.getByTestId(id);
    if ((await list.count()) === 0) continue;
    const cards = await list.locator(":scope > li").count();
    const columns = await list.evaluate((ul) => getComputedStyle(ul).gridTemplateColumns.split(" ").length);
    expect(columns, id).toBeLessThanOrEqual(Math.max(cards, 1));
  }
  const badge = page.getByTestId("state-badge").first();
  await expect(badge).toHaveText(/\w/);
  await expect(badge.locator("svg[aria-hidden='true']")).toHaveCount(1);
});
