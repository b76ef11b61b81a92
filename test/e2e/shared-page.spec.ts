// A shared page served to someone signed in (decision 035), in a real browser against the
// production server: the petition page, list, timeline and home page come from the public page
// cache to signed-in people too, and their own parts (the header, the Sign panel, Follow, the
// discussion's forms; an organizer's or moderator's tools) arrive from GET /api/me and the
// personal-parts action. What they then see is what the page rendered for them alone shows; their
// own signature shows at once; a browser without script gets its own rendering; a session that is
// no session leaves the signed-out page. The fixtures fail any test on a console error (a
// hydration mismatch included).
import type { Page } from "@playwright/test";
import { expect, MAIN_PETITION, test, walletSettled } from "./support/fixtures";
import { freshPetition } from "./support/sign-token";

const CACHE = "x-page-cache";

/** The page's words, with numbers that move by themselves (tokens collected meanwhile, counts) as #. */
async function words(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).innerText()).replace(/\d[\d,.]*/g, "#");
}

async function settled(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-viewer", "person");
  await walletSettled(page);
}

test("a signed-in employee gets the shared petition page with their own parts, the same as the page rendered for them", async ({ as }) => {
  const petition = freshPetition(`Shared with the signed-in ${Date.now()}`);
  const path = `/petitions/${petition.slug}`;
  const { context, page } = await as("jonas");

  const shared = await page.goto(path);
  expect(["hit", "miss"]).toContain(shared?.headers()[CACHE]);
  await settled(page);
  await expect(page.getByTestId("signed-in-as")).toContainText("Jonas Berg");
  await expect(page.getByRole("button", { name: "Sign", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Follow" })).toBeVisible();
  await expect(page.getByLabel("Your anonymous comment")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Sign in/ })).toHaveCount(0);

  // The same person's page rendered for them alone (where a browser without script is sent).
  const own = await context.newPage();
  const rendered = await own.goto(`${path}?personal=1`);
  expect(rendered?.headers()[CACHE]).toBeUndefined();
  await walletSettled(own);
  expect(await words(page, "main")).toBe(await words(own, "main"));
  expect(await words(page, "[data-testid=site-header]")).toBe(await words(own, "[data-testid=site-header]"));

  // Their signature shows at once, and on the next shared view too (read your writes).
  await page.getByRole("radio", { name: /With my name/ }).check();
  await page.getByRole("button", { name: "Sign", exact: true }).click();
  await expect(page.getByText("You signed this petition with your name.")).toBeVisible();
  const again = await page.goto(path);
  expect(["hit", "miss"]).toContain(again?.headers()[CACHE]);
  await settled(page);
  await expect(page.getByText("You signed this petition with your name.")).toBeVisible();
});

test("organizers and moderators get the parts only the server renders; the list, timeline and home page are shared too", async ({ as }) => {
  const { page: maya } = await as("maya");
  await maya.goto(`/petitions?q=${encodeURIComponent(MAIN_PETITION)}`);
  const href = await maya.getByRole("link", { name: MAIN_PETITION }).first().getAttribute("href");
  const shared = await maya.goto(href!);
  expect(["hit", "miss"]).toContain(shared?.headers()[CACHE]);
  await settled(maya);
  await expect(maya.getByTestId("organizer-tools").getByRole("button", { name: "Deliver petition" })).toBeVisible();
  await expect(maya.getByTestId("live-notice")).toBeVisible();

  const { page: sam } = await as("sam");
  await sam.goto(href!);
  await settled(sam);
  await expect(sam.getByRole("heading", { name: "Moderate", exact: true })).toBeVisible();
  await expect(sam.getByRole("link", { name: "Moderation" }).first()).toBeAttached();

  for (const address of ["/petitions", "/timeline", "/"]) {
    const response = await sam.goto(address);
    expect(["hit", "miss"], address).toContain(response?.headers()[CACHE]);
    await settled(sam);
    await expect(sam.getByTestId("signed-in-as"), address).toContainText("Sam Duarte");
  }
});

test("a signed-in browser without script is sent to its own rendering; a session that is no session keeps the signed-out page", async ({ browser, as }) => {
  const petition = freshPetition(`Without script ${Date.now()}`);
  const path = `/petitions/${petition.slug}`;
  const { context } = await as("tomas");
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await context.storageState() });
  try {
    const page = await noScript.newPage();
    await page.goto(path);
    await expect(page).toHaveURL(new RegExp(`${path}\\?personal=1$`));
    await expect(page.getByTestId("signed-in-as")).toContainText("Tomás Ferreira");
    await expect(page.getByRole("button", { name: "Sign", exact: true })).toBeVisible();
  } finally {
    await noScript.close();
  }

  const stranger = await browser.newContext();
  try {
    await stranger.addCookies([{ name: "authjs.session-token", value: "not-a-session", url: test.info().project.use.baseURL! }]);
    const page = await stranger.newPage();
    const response = await page.goto(path);
    expect(["hit", "miss"]).toContain(response?.headers()[CACHE]);
    await expect(page.locator("html")).toHaveAttribute("data-viewer", "visitor");
    await expect(page.getByRole("button", { name: "Sign in to sign" })).toBeVisible();
    await expect(page.getByTestId("site-header").getByRole("link", { name: "Sign in" })).toBeVisible();
  } finally {
    await stranger.close();
  }
});
