import { expect, MAIN_PETITION, openPetition, test } from "./support/fixtures";

test("an organizer's dashboard: chart, k-anonymous breakdowns and exports; nobody else gets in", async ({ as }) => {
  const { page: maya, context } = await as("maya");
  await openPetition(maya, MAIN_PETITION);
  await maya.getByRole("link", { name: "Open the organizer dashboard" }).click();
  await expect(maya.getByRole("heading", { level: 1, name: /Dashboard: Stop recording/ })).toBeVisible();
  await expect(maya.getByTestId("signature-chart").locator("svg").first()).toBeVisible();
  await maya.getByRole("button", { name: "Named, per hour (48 h)" }).click();
  await expect(maya.getByRole("button", { name: "Named, per hour (48 h)" })).toHaveAttribute("aria-pressed", "true");
  const table = maya.getByTestId("breakdown-by-department");
  await expect(table).toBeVisible();
  const numbers = await table.locator("[data-count]").evaluateAll((cells) => cells.map((c) => Number(c.getAttribute("data-count"))));
  expect(numbers.length).toBeGreaterThan(1);
  for (const n of numbers) expect(n).toBeGreaterThanOrEqual(5);

  const slug = new URL(maya.url()).pathname.split("/")[2]!;
  const csv = await context.request.get(`/petitions/${slug}/export/signatures.csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text.split("\r\n")[0]).toBe('"name","department","signed_on"');
  const aggregates = await context.request.get(`/petitions/${slug}/export/aggregates.csv`);
  expect(await aggregates.text()).toContain('"named_by_department"');

  for (const who of ["jonas", "priya", "lena"] as const) {
    const { page } = await as(who);
    expect((await page.request.get(`/petitions/${slug}/dashboard`)).status()).toBe(403);
    expect((await page.request.get(`/petitions/${slug}/export/signatures.csv`)).status()).toBe(403);
  }
});

test("settings, moderation of a petition, an appeal and its decision, all in the open", async ({ as }) => {
  const { page: lena } = await as("lena");
  await lena.goto("/admin");
  await lena.getByLabel("Co-sponsors needed to open a petition").fill("0");
  await lena.getByRole("button", { name: "Save settings" }).click();
  await expect(lena.getByText("Saved: co-sponsors needed to open a petition.")).toBeVisible();
  await lena.getByLabel("Smallest group shown in breakdowns (k)").fill("1");
  await lena.getByRole("button", { name: "Save settings" }).click();
  await expect(lena.getByText(/must be at least 2/).first()).toBeVisible();

  try {
    const { page: jonas } = await as("jonas");
    await jonas.goto("/petitions/new");
    const title = `Free coffee on every floor ${Date.now()}`;
    await jonas.getByLabel("Title").fill(title);
    await jonas.getByLabel("The ask").fill("Put a free coffee machine on every office floor.");
    await jonas.getByLabel("Background").fill("Walking three floors for coffee wastes everyone's time.");
    await jonas.getByLabel("Addressed to").fill("Workplace Services");
    await jonas.getByRole("button", { name: "Save draft" }).click();
    await jonas.getByRole("button", { name: "Submit for co-sponsors" }).click();
    // With no co-sponsors required, submitting opens it at once.
    await expect(jonas.getByText("Open", { exact: true })).toBeVisible();
    const petitionUrl = jonas.url();

    const { page: sam } = await as("sam");
    await sam.goto(petitionUrl);
    await sam.getByLabel("Rule broken").selectOption("spam");
    await sam.getByLabel("Public explanation").fill("Duplicates the refreshments petition");
    await sam.getByRole("button", { name: "Hide this petition" }).click();
    await expect(sam.getByTestId("hidden-notice")).toContainText("Spam or off topic: Duplicates the refreshments petition");

    await jonas.goto(petitionUrl);
    await expect(jonas.getByTestId("hidden-notice")).toBeVisible();
    await jonas.getByLabel("Why the decision is wrong").fill("There is no other petition about coffee.");
    await jonas.getByRole("button", { name: "Appeal this decision" }).click();
    await expect(jonas.getByText(/Appeal filed/)).toBeVisible();
    await jonas.goto("/notifications");
    await expect(jonas.getByTestId("notifications")).toContainText("Hidden by a moderator");

    await lena.goto("/admin");
    const appeal = lena.getByTestId("appeals").locator("li", { hasText: title });
    await appeal.getByLabel("Public note").fill("Checked: no duplicate exists.");
    await appeal.getByRole("button", { name: "Decide" }).click();
    // Decided appeals leave the queue.
    await expect(lena.getByTestId("appeals").locator("li", { hasText: title })).toHaveCount(0);

    await jonas.goto(petitionUrl);
    await expect(jonas.getByTestId("hidden-notice")).toHaveCount(0);
    await jonas.goto("/moderation-log");
    const rows = jonas.getByTestId("moderation-log").getByRole("row", { name: new RegExp(title) });
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText("An admin");
    await expect(rows.last()).toContainText("Granted: Checked: no duplicate exists.");

    await lena.goto("/admin");
    await expect(lena.getByTestId("audit-log")).toContainText(`Lena Novak granted the appeal and restored the petition “${title}”: Checked: no duplicate exists.`);
    await expect(lena.getByTestId("audit-log")).toContainText("Lena Novak changed “Co-sponsors needed to open a petition” from");
  } finally {
    await lena.goto("/admin");
    await lena.getByLabel("Co-sponsors needed to open a petition").fill("2");
    await lena.getByRole("button", { name: "Save settings" }).click();
    await expect(lena.getByText("Saved: co-sponsors needed to open a petition.")).toBeVisible();
  }
});

test("an admin changes a role; the audit log records it; others cannot reach administration", async ({ as }) => {
  const { page: lena } = await as("lena");
  await lena.goto("/admin?q=jonas.berg");
  const row = lena.getByTestId("people").locator("li", { hasText: "Jonas Berg" });
  await row.getByLabel("Role for Jonas Berg").selectOption("moderator");
  await row.getByRole("button", { name: "Change role" }).click();
  // A confirmation step says what will happen; cancelling changes nothing.
  await expect(row.getByTestId("role-confirm")).toContainText("Change Jonas Berg's role from Employee to Moderator?");
  await row.getByRole("button", { name: "Cancel" }).click();
  await expect(row.getByLabel("Role for Jonas Berg")).toHaveValue("employee");
  await row.getByLabel("Role for Jonas Berg").selectOption("moderator");
  await row.getByRole("button", { name: "Change role" }).click();
  await row.getByRole("button", { name: "Confirm change" }).click();
  await expect(row.getByText("Role changed and recorded in the audit log.")).toBeVisible();
  await expect(row.getByLabel("Role for Jonas Berg")).toHaveValue("moderator");
  await lena.reload();
  await expect(lena.getByTestId("audit-log")).toContainText("Lena Novak changed Jonas Berg's role from Employee to Moderator.");
  await expect(lena.getByTestId("audit-log")).not.toContainText("role.change");
  const again = lena.getByTestId("people").locator("li", { hasText: "Jonas Berg" });
  await again.getByLabel("Role for Jonas Berg").selectOption("employee");
  await again.getByRole("button", { name: "Change role" }).click();
  await again.getByRole("button", { name: "Confirm change" }).click();
  await expect(again.getByText("Role changed and recorded in the audit log.")).toBeVisible();
  for (const who of ["jonas", "priya", "sam"] as const) {
    const { page } = await as(who);
    expect((await page.request.get("/admin")).status()).toBe(403);
  }
});
