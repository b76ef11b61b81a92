import { axeViolations as violations } from "./support/axe";
import { expect, test } from "./support/fixtures";

// axe on every English page, signed out and for every role at both widths, is layout.spec.ts's;
// German pages are language.spec.ts's. Here: the API page and the accessibility statement.

// Its own test: the API page is long (every operation and schema), and axe takes a while on it.
// At a phone's width too, where its parameter tables scroll sideways.
test("the API page has no axe violations, at 1280 and at 390 px", async ({ page }) => {
  const found: string[] = [];
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto("/developers");
    found.push(...(await violations(page)).map((v) => `${width} px: ${v}`));
  }
  expect(found).toEqual([]);
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
