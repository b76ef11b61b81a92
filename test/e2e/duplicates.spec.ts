// Similar petitions and duplicates (docs/decisions/024) in the browser: the new-petition form
// shows a similar petition while the person types, the saved draft shows it in the page's own
// HTML (the path without script), and a moderator closes a petition as a duplicate of another,
// which its page, its followers' notifications and the timeline then show.
import AxeBuilder from "@axe-core/playwright";
import { expect, openPetition, test } from "./support/fixtures";

const QUIET = "Quiet hours: no meeting invitations after six in the evening";

test("the new-petition form shows a similar petition as you type, and the saved draft shows it too", async ({ as }) => {
  const { page: priya } = await as("priya");
  await priya.goto("/petitions/new");
  await priya.getByLabel("Title").fill("No meeting invitations in the evening");
  await expect(priya.getByTestId("similar-petitions")).toHaveCount(0);
  await priya.getByLabel("The ask").fill("Calendar invitations sent after six should wait until the next morning.");
  const similar = priya.getByTestId("similar-petitions");
  await expect(similar).toContainText(QUIET);
  const link = similar.getByRole("link", { name: "Sign this one instead" }).first();
  await expect(link).toHaveAttribute("href", /^\/petitions\/quiet-hours/);
  const axe = await new AxeBuilder({ page: priya }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  // Typing something else replaces the suggestions.
  await priya.getByLabel("Title").fill("Longer parental leave for fathers");
  await priya.getByLabel("The ask").fill("Give fathers twelve weeks of paid leave.");
  await expect(priya.getByTestId("similar-petitions")).toHaveCount(0);

  // Saved as a draft: the draft page's server-rendered HTML lists the similar petition.
  await priya.getByLabel("Title").fill("No meeting invitations in the evening");
  await priya.getByLabel("The ask").fill("Calendar invitations sent after six should wait until the next morning.");
  await priya.getByLabel("Background").fill("Invitations at night wake people up across time zones.");
  await priya.getByLabel("Addressed to").fill("The People team");
  await priya.getByRole("button", { name: "Save draft" }).click();
  await expect(priya.getByRole("heading", { level: 1, name: "No meeting invitations in the evening" })).toBeVisible();
  await expect(priya.getByTestId("similar-petitions")).toContainText(QUIET);
  const html = await (await priya.request.get(priya.url())).text();
  expect(html).toContain("Sign this one instead");

  await link.click();
  await expect(priya.getByRole("heading", { level: 1, name: QUIET })).toBeVisible();
});

test("a moderator closes a petition as a duplicate; its page, its followers and the timeline link the other", async ({ as }) => {
  const { page: lena } = await as("lena");
  await lena.goto("/admin");
  await lena.getByLabel("Co-sponsors needed to open a petition").fill("0");
  await lena.getByRole("button", { name: "Save settings" }).click();
  await expect(lena.getByText("Saved: co-sponsors needed to open a petition.")).toBeVisible();
  try {
    const { page: jonas } = await as("jonas");
    await openPetition(jonas, QUIET);
    const quietPath = new URL(jonas.url()).pathname;

    await jonas.goto("/petitions/new");
    const title = `Evenings without meetings ${Date.now()}`;
    await jonas.getByLabel("Title").fill(title);
    await jonas.getByLabel("The ask").fill("No meeting invitations after six in the evening.");
    await jonas.getByLabel("Background").fill("Late invitations ruin evenings.");
    await jonas.getByLabel("Addressed to").fill("The People team");
    await jonas.getByRole("button", { name: "Save draft" }).click();
    await jonas.getByRole("button", { name: "Submit for co-sponsors" }).click();
    await expect(jonas.getByText("Open", { exact: true })).toBeVisible();
    const duplicateUrl = jonas.url();

    // A named signer follows what they sign, so they are offered the other petition.
    const { page: priya } = await as("priya");
    await priya.goto(duplicateUrl);
    await priya.getByRole("radio", { name: /With my name/ }).check();
    await priya.getByRole("button", { name: "Sign", exact: true }).click();
    await expect(priya.getByText("You signed this petition with your name.")).toBeVisible();

    // Only moderators get the control.
    expect((await priya.request.get("/moderation")).status()).toBe(403);
    const { page: sam } = await as("sam");
    await sam.goto("/moderation");
    await sam.getByLabel("Petition to close").fill(duplicateUrl);
    await sam.getByLabel("Duplicate of").fill("/petitions/not-a-petition");
    await sam.getByRole("button", { name: "Close as a duplicate" }).click();
    await expect(sam.getByText("No open or recently closed petition at that address to point signers to.")).toBeVisible();
    await sam.getByLabel("Petition to close").fill(duplicateUrl);
    await sam.getByLabel("Duplicate of").fill(quietPath);
    await sam.getByRole("button", { name: "Close as a duplicate" }).click();
    await expect(sam.getByText("Closed as a duplicate. Its followers are offered the other petition.")).toBeVisible();

    await priya.goto(duplicateUrl);
    const notice = priya.getByTestId("duplicate-of");
    await expect(notice).toContainText(`closed this petition as a duplicate of ${QUIET}`);
    await expect(priya.getByText("This petition is closed and no longer accepts signatures.")).toBeVisible();
    await priya.goto("/notifications");
    await expect(priya.getByTestId("notifications")).toContainText(`Closed as a duplicate of “${QUIET}”`);
    await priya.goto("/timeline");
    await expect(priya.getByText(`Closed as a duplicate of “${QUIET}”: ${title}`).first()).toBeVisible();
    await priya.goto("/moderation-log");
    await expect(priya.getByTestId("moderation-log").getByRole("row", { name: new RegExp(title) })).toContainText("Duplicate of another petition");

    await priya.goto(duplicateUrl);
    await notice.getByRole("link", { name: QUIET }).click();
    await expect(priya.getByRole("heading", { level: 1, name: QUIET })).toBeVisible();
  } finally {
    await lena.goto("/admin");
    await lena.getByLabel("Co-sponsors needed to open a petition").fill("2");
    await lena.getByRole("button", { name: "Save settings" }).click();
    await expect(lena.getByText("Saved: co-sponsors needed to open a petition.")).toBeVisible();
  }
});
