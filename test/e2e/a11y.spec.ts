import { axeViolations as violations } from "./support/axe";
import { expect, MAIN_PETITION, openPetition, test } from "./support/fixtures";

const PUBLIC = ["/", "/petitions", "/petitions?list=closed", "/programs", "/programs/flow-insights", "/timeline", "/what-we-store", "/moderation-log", "/accessibility", "/signin"];

test("public pages have no axe violations", async ({ page }) => {
  const found: string[] = [];
  for (const path of PUBLIC) {
    await page.goto(path);
    found.push(...(await violations(page)).map((v) => `${path} ${v}`));
  }
  await openPetition(page, MAIN_PETITION);
  found.push(...(await violations(page)).map((v) => `petition ${v}`));
  expect(found).toEqual([]);
});

// Its own test: the API page is long (every operation and schema), and axe takes a while on it.
test("the API page has no axe violations", async ({ page }) => {
  await page.goto("/developers");
  expect(await violations(page)).toEqual([]);
});

test("the accessibility statement is linked from every page's footer and says how we test", async ({ page }) => {
  await page.goto("/petitions");
  await page.getByRole("contentinfo").getByRole("link", { name: "Accessibility" }).click();
  await expect(page).toHaveURL(/\/accessibility$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accessibility statement");
  for (const heading of ["The standard", "How we test", "Known gaps", "Tell us about a barrier"]) {
    await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
  }
  await expect(page.getByText(/WCAG/).first()).toBeVisible();
});

test("signed-in pages have no axe violations", async ({ as }) => {
  const found: string[] = [];
  const { page: maya } = await as("maya");
  for (const path of ["/petitions/new", "/my", "/notifications"]) {
    await maya.goto(path);
    found.push(...(await violations(maya)).map((v) => `${path} ${v}`));
  }
  await openPetition(maya, MAIN_PETITION);
  found.push(...(await violations(maya)).map((v) => `petition (organizer) ${v}`));
  await maya.getByRole("link", { name: "Open the organizer dashboard" }).click();
  await expect(maya.getByTestId("signature-chart").locator("svg").first()).toBeVisible();
  found.push(...(await violations(maya)).map((v) => `dashboard ${v}`));
  const { page: lena } = await as("lena");
  await lena.goto("/admin");
  found.push(...(await violations(lena)).map((v) => `/admin ${v}`));
  const { page: sam } = await as("sam");
  await sam.goto("/moderation");
  found.push(...(await violations(sam)).map((v) => `/moderation ${v}`));
  const { page: priya } = await as("priya");
  await priya.goto("/leadership");
  found.push(...(await violations(priya)).map((v) => `/leadership ${v}`));
  expect(found).toEqual([]);
});
