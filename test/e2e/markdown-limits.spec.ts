// Nothing a person writes can break a page (issue 14.3), in the browser: the policy text form
// refuses Markdown the renderer cannot handle with a message beside the field, accepts hostile
// Markdown within the limits, and the program page, its API and the moderation queue answer 200.
import { expect, test } from "./support/fixtures";

const BOMB = ">".repeat(3_999) + "x";
/** Within every limit but at the edge of each: 16 nested quotes and lists, emphasis, a table, links, raw HTML. */
const EDGE = [
  "## Hostile but acceptable",
  "> ".repeat(16) + "sixteen quotes deep",
  Array.from({ length: 16 }, (_, i) => `${"  ".repeat(i)}- level ${i + 1}`).join("\n"),
  "**bold _and *nested ~~struck [link](https://intranet.example.com)~~*_**",
  `|${"h|".repeat(40)}\n|${"-|".repeat(40)}\n` + "| cell |\n".repeat(100),
  "[a](https://intranet.example.com/a) ".repeat(300),
  "<blockquote>".repeat(100) + "raw" + "</blockquote>".repeat(100),
  "*".repeat(3_000),
  "<script>alert(1)</script>",
].join("\n\n");

test("a policy text the renderer cannot handle is refused with a message; one at the limits shows", async ({ as }) => {
  const { page } = await as("lena");
  await page.goto("/programs/new");
  await page.getByLabel("Name", { exact: true }).fill("Markdown limits check");
  await page.getByLabel("Address").fill("markdown-limits-check");
  await page.getByLabel("Owning team").fill("Quality");
  await page.getByLabel("Purpose").fill("Checks what the policy text form accepts.");
  await page.getByLabel("What it collects").fill("nothing");
  await page.getByLabel("Retention").fill("None");
  await page.getByLabel("Who can access the data").fill("Nobody");
  await page.getByLabel("Policy text").fill(BOMB);
  await page.getByRole("button", { name: "Add program" }).click();
  await expect(page.locator("#policyText-error")).toContainText("The policy text nests quotes or lists too deeply (more than 16 levels)");

  await page.getByLabel("Policy text").fill(EDGE);
  await page.getByRole("button", { name: "Add program" }).click();
  await expect(page).toHaveURL(/\/programs\/markdown-limits-check(\?saved=program)?$/);
  await expect(page.getByText("sixteen quotes deep")).toBeVisible();
  await expect(page.getByText("level 16", { exact: true })).toBeVisible();

  for (const path of ["/programs/markdown-limits-check", "/api/programs/markdown-limits-check", "/api/programs/markdown-limits-check/comments", "/programs"]) {
    expect((await page.request.get(path)).status(), path).toBe(200);
  }
  const { page: moderator } = await as("sam");
  expect((await moderator.request.get("/moderation")).status()).toBe(200);
});
