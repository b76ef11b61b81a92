// The petition page's layout at a phone's and a desktop's width (issue 16): the ask, the count
// with its progress, the response status and the Sign action come first; leadership's response
// before the names; each role's follow-up where they look.
import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { expect, MAIN_PETITION, openPetition, test } from "./support/fixtures";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const CLOSED = "Keep the Lisbon office library open during the refurbishment";
const COLLECTING = "No screenshots of our screens during video calls";
const YOUNG = "Quiet hours: no meeting invitations after six in the evening";

async function box(locator: Locator) {
  await expect(locator).toBeVisible();
  const b = await locator.boundingBox();
  if (!b) throw new Error("no box");
  return b;
}

async function axe(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
}

test("on a 390 px phone the ask, count, progress, response status and Sign action are in the first screen", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await openPetition(page, MAIN_PETITION);
  await page.evaluate(() => window.scrollTo(0, 0));
  const sign = page.getByRole("button", { name: "Sign in to sign" });
  for (const key of [page.getByTestId("ask"), page.getByTestId("signature-count"), page.getByRole("progressbar", { name: "Progress toward the goal" }), page.getByTestId("response-status")]) {
    const b = await box(key);
    expect(b.y + b.height).toBeLessThanOrEqual(PHONE.height);
  }
  expect((await box(sign)).y).toBeLessThan(PHONE.height);
  // Milestones on the bar, in words as well as a mark.
  await expect(page.getByTestId("threshold-mark")).toHaveCount(1);
  await expect(page.getByTestId("progress-marks")).toContainText(/Response at \d/);
  await expect(page.getByTestId("progress-marks")).toContainText("Goal 2,500");
  // Leadership's response before any names; names as a count with a link to the full list.
  const responses = await box(page.getByRole("heading", { name: "Leadership's responses" }));
  const signers = await box(page.getByRole("heading", { name: "Who signed" }));
  expect(responses.y).toBeLessThan(signers.y);
  await expect(page.getByTestId("signers-summary")).toContainText(/[\d,]+ people signed with their names/);
  await expect(page.getByTestId("named-signers")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Latest on this petition" })).toHaveCount(0);
  // The share field shows the whole address, with a copy button.
  const share = page.getByLabel("Link to this petition");
  await expect(share).toHaveValue(/^http:\/\/localhost:\d+\/petitions\/[a-z0-9-]+$/);
  const field = await box(share);
  const width = await share.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(width.scroll).toBeLessThanOrEqual(width.client);
  expect(field.x + field.width).toBeLessThanOrEqual(PHONE.width);
  await expect(page.getByRole("button", { name: "Copy link" })).toBeVisible();
  expect(await axe(page)).toEqual([]);

  await sign.click();
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fpetitions%2F/);
});

test("on a 1280 px desktop the count and Sign action sit beside the text, and the responded badge links to the response", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await openPetition(page, MAIN_PETITION);
  await page.evaluate(() => window.scrollTo(0, 0));
  const text = await box(page.getByTestId("background"));
  const status = await box(page.getByTestId("status-card"));
  const sign = await box(page.getByRole("button", { name: "Sign in to sign" }));
  expect(status.x).toBeGreaterThanOrEqual(text.x + text.width);
  expect(sign.x).toBeGreaterThanOrEqual(text.x + text.width);
  expect(sign.y + sign.height).toBeLessThanOrEqual(DESKTOP.height);
  expect(status.y).toBeLessThan(text.y);
  const badge = page.getByRole("link", { name: "Leadership responded", exact: true });
  await expect(badge).toHaveAttribute("href", "#responses-heading");
  await badge.click();
  await expect.poll(async () => (await page.getByRole("heading", { name: "Leadership's responses" }).boundingBox())!.y).toBeLessThan(DESKTOP.height);
  await page.getByRole("link", { name: "See the full list of names" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Who signed/ })).toBeVisible();
  await expect(page.getByTestId("named-signers").getByRole("listitem")).toHaveCount(100);
  await page.getByRole("link", { name: "Older names" }).click();
  // The first page's list is visible too: wait for the older page itself (its address, its link
  // back and its title) before axe reads it, or it may read the document mid-navigation.
  await expect(page).toHaveURL(/\/signers\?cursor=/);
  await expect(page.getByRole("link", { name: "Newest names" })).toBeVisible();
  await expect(page).toHaveTitle(/\S/);
  await expect(page.getByTestId("named-signers").getByRole("listitem").first()).toBeVisible();
  expect(await axe(page)).toEqual([]);
});

test("a closed petition shows its outcome", async ({ page }) => {
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    await page.goto(`/petitions?list=closed&q=${encodeURIComponent("Lisbon office library")}`);
    await page.getByRole("link", { name: CLOSED }).first().click();
    const outcome = page.getByTestId("outcome");
    await expect(outcome).toHaveText(/^Closed with 228 of 200, goal reached/);
    expect((await box(outcome)).y).toBeLessThan(size.height);
  }
});

test("organizers find their tools at the top and are asked to sign their live petition; co-sponsor progress reads 1 of 2", async ({ as }) => {
  const { page: maya } = await as("maya");
  for (const size of [PHONE, DESKTOP]) {
    await maya.setViewportSize(size);
    await openPetition(maya, MAIN_PETITION);
    const tools = await box(maya.getByTestId("organizer-tools"));
    const text = await box(maya.getByTestId("background"));
    expect(tools.y).toBeLessThan(text.y);
    for (const name of ["Deliver petition", "Close petition", "Post update to signers"]) await expect(maya.getByTestId("organizer-tools").getByRole("button", { name })).toBeVisible();
    await expect(maya.getByTestId("organizer-tools").getByRole("link", { name: "Open the organizer dashboard" })).toBeVisible();
    await expect(maya.getByTestId("live-notice")).toContainText("Your petition is live.");
    await expect(maya.getByTestId("live-notice")).toContainText("Start by signing it yourself.");
    // The invitation to sign and the form's heading are in the first screen.
    const notice = await box(maya.getByTestId("live-notice"));
    expect(notice.y + notice.height).toBeLessThanOrEqual(size.height);
    expect((await box(maya.getByText("Sign this petition", { exact: true }))).y).toBeLessThan(size.height);
    await expect(maya.getByRole("button", { name: "Sign", exact: true })).toBeVisible();
  }
  expect(await axe(maya)).toEqual([]);
  await maya.goto("/my");
  await maya.getByRole("link", { name: COLLECTING }).first().click();
  await expect(maya.getByTestId("co-sponsor-progress")).toHaveText("1 of 2");
  await expect(maya.getByRole("progressbar", { name: "Co-sponsors so far" })).toHaveAttribute("aria-valuetext", "1 of 2 co-sponsors");
});

test("after signing a share step follows; withdrawing asks first; the signer sees their own name at once", async ({ as }) => {
  const { page: tomas } = await as("tomas");
  await tomas.setViewportSize(PHONE);
  await openPetition(tomas, YOUNG);
  await tomas.getByRole("radio", { name: /With my name/ }).check();
  await tomas.getByRole("button", { name: "Sign", exact: true }).click();
  await expect(tomas.getByText("You signed this petition with your name.")).toBeVisible();
  const step = tomas.getByTestId("share-step");
  await expect(step).toContainText("ask colleagues to sign");
  await expect(step.getByLabel("Link to share after signing")).toHaveValue(/\/petitions\/[a-z0-9-]+$/);

  // Read your writes: the full list shows the new name at once.
  const url = tomas.url();
  await tomas.goto(`${url.replace(/\?.*$/, "")}/signers`);
  await expect(tomas.getByTestId("named-signers").getByRole("listitem").first()).toContainText("Tomás Ferreira");
  await tomas.goto(url);

  await tomas.getByRole("button", { name: "Withdraw my signature" }).click();
  const confirm = tomas.getByTestId("withdraw-confirm");
  await expect(confirm).toContainText("Withdraw your signature?");
  await tomas.getByRole("button", { name: "Keep my signature" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(tomas.getByText("You signed this petition with your name.")).toBeVisible();
  await tomas.getByRole("button", { name: "Withdraw my signature" }).click();
  await tomas.getByRole("button", { name: "Yes, withdraw my signature" }).click();
  await expect(tomas.getByRole("button", { name: "Sign", exact: true })).toBeVisible();
  await tomas.goto(`${url.replace(/\?.*$/, "")}/signers`);
  await expect(tomas.getByTestId("named-signers")).not.toContainText("Tomás Ferreira");
});
