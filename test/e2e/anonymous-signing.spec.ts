// Signing anonymously in a real browser (decision 018): the page's wallet collects the petition's
// blind token, the sign panel spends it without cookies, says the signature is queued, and the
// count moves when the batch is written (every 2 s in these tests). A second browser of the same
// person holds no token: the panel says so plainly and offers the import; the export of the first
// browser moves the token; withdrawing spends it again and the count goes back. The fixtures fail
// the test on any console error.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, readCount, test } from "./support/fixtures";
import { freshPetition, heldToken } from "./support/sign-token";

async function chooseAnonymousAndSign(page: Page) {
  await page.getByRole("radio", { name: /Anonymously/ }).check();
  await page.getByRole("button", { name: "Sign", exact: true }).click();
}

test("sign anonymously: queued, counted in the batch, moved to a second browser by export and import, withdrawn", async ({ as }) => {
  const title = `Anonymous signing in a browser ${Date.now()}`;
  const petition = freshPetition(title);

  // The first browser: signing in loads the wallet, which collects the new petition's token.
  const { page: first } = await as("tomas");
  expect(await heldToken(first, petition.id)).not.toBeNull();
  await first.goto(`/petitions/${petition.slug}`);
  await expect(first.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const before = await readCount(first);
  expect(before).toBe(petition.signatureCount);
  // The public page says how many could sign: the co-sponsors (by name) and this browser's collection.
  await expect(first.getByTestId("tokens-issued")).toHaveText(String(petition.signatureCount + 1));

  // A second browser of the same person: the server cannot give it a second token.
  const { page: second } = await as("tomas", { wallet: "fresh" });
  expect(await heldToken(second, petition.id)).toBeNull();
  await second.goto(`/petitions/${petition.slug}`);
  await chooseAnonymousAndSign(second);
  const note = second.getByTestId("no-token");
  await expect(note).toContainText("This browser holds no signing token for this petition.");
  await expect(note).toContainText("Take your tokens to another device");
  // By name it is refused too: the token may already have signed.
  await second.getByRole("radio", { name: /With my name/ }).check();
  await second.getByRole("button", { name: "Sign", exact: true }).click();
  await expect(second.getByText(/This browser does not hold your token for this petition/)).toBeVisible();
  expect(await readCount(second)).toBe(before);

  // The remedy the panel offers: export in the first browser, import in the second.
  await first.getByText("Take your tokens to another device").click();
  const download = first.waitForEvent("download");
  await first.getByRole("button", { name: "Export my tokens" }).click();
  const file = path.join(mkdtempSync(path.join(tmpdir(), "undersigned-tokens-")), "undersigned-tokens.json");
  await (await download).saveAs(file);
  await second.reload();
  await second.getByText("Take your tokens to another device").click();
  await second.getByLabel("Import tokens").setInputFiles(file);
  await expect(second.getByRole("status").filter({ hasText: /Imported \d+ tokens\./ })).toBeVisible();
  expect(await heldToken(second, petition.id)).toEqual(await heldToken(first, petition.id));

  // Signing anonymously in the second browser: queued, then counted when the batch is written.
  await second.reload();
  await chooseAnonymousAndSign(second);
  const status = second.getByTestId("anonymous-status").getByRole("status");
  await expect(status).toContainText(/Your anonymous signature is queued|You signed this petition anonymously/);
  await expect(status).toContainText("You signed this petition anonymously.", { timeout: 15_000 });
  await expect.poll(() => readCount(second), { timeout: 15_000 }).toBe(before + 1);
  // Another reader's page moves too, and the list of names (its own page) shows nobody new.
  await first.reload();
  await expect.poll(() => readCount(first), { timeout: 15_000 }).toBe(before + 1);
  await first.goto(`/petitions/${petition.slug}/signers`);
  await expect(first.getByTestId("named-signers")).not.toContainText("Tomás Ferreira");
  // "Petitions I signed" lists it from the signing browser's wallet alone; the first never signed it.
  await second.goto("/my");
  await expect(second.getByTestId("anonymously-signed")).toContainText(title);
  await expect(second.getByTestId("anonymously-signed")).toContainText("Signed anonymously; counted.");
  await first.goto("/my");
  await expect(first.getByRole("heading", { name: "Signed anonymously, in this browser" })).toBeVisible();
  await expect(first.getByText(title)).toHaveCount(0);
  await second.goto(`/petitions/${petition.slug}`);

  // Withdrawing asks first, then proves possession of the token; the count goes back after the batch.
  await second.getByRole("button", { name: "Withdraw my anonymous signature" }).click();
  await expect(second.getByTestId("withdraw-confirm")).toContainText("Withdraw your anonymous signature?");
  await second.getByRole("button", { name: "Keep my signature" }).click();
  await expect(second.getByTestId("withdraw-confirm")).toHaveCount(0);
  await second.getByRole("button", { name: "Withdraw my anonymous signature" }).click();
  await second.getByRole("button", { name: "Yes, withdraw my signature" }).click();
  await expect.poll(() => readCount(second), { timeout: 15_000 }).toBe(before);
  await expect(second.getByRole("button", { name: "Sign", exact: true })).toBeVisible({ timeout: 15_000 });
  await second.goto("/my");
  await expect(second.getByRole("heading", { name: "Signed anonymously, in this browser" })).toBeVisible();
  await expect(second.getByText(title)).toHaveCount(0);
});

test("signing by name while the page is still collecting the petition's token waits for the token and spends it", async ({ as }) => {
  const { page } = await as("sam");
  // Opened after Sam's browser last collected, so this page load collects its token; the answer
  // is held back, as on a slow network, after the server has recorded the collection.
  const petition = freshPetition(`Signed by name during a collection ${Date.now()}`);
  let collected!: () => void;
  const serverCollected = new Promise<void>((resolve) => (collected = resolve));
  await page.route("**/api/petitions/tokens", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const response = await route.fetch();
    collected();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await route.fulfill({ response });
  });
  await page.goto(`/petitions/${petition.slug}`);
  await page.getByRole("radio", { name: /With my name/ }).check();
  // The server holds the collection; the browser does not have the token yet.
  await serverCollected;
  await page.getByRole("button", { name: "Sign", exact: true }).click();
  await expect(page.getByText("You signed this petition with your name.")).toBeVisible({ timeout: 15_000 });
  expect(await readCount(page)).toBe(petition.signatureCount + 1);
});
