import { APP_ORIGIN, expect, PERSONA, ssoSignIn, test, walletSettled } from "./support/fixtures";

test("the development sign-in offers one button per persona, labelled with name and role", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  for (const { name, role } of Object.values(PERSONA)) {
    await expect(page.getByRole("button", { name: new RegExp(`^Sign in as ${name}, ${role}`) })).toBeVisible();
  }
  // The production build shows that development sign-in is switched on.
  await expect(page.getByText(/Development sign-in is switched on/)).toBeVisible();
});

test("signs in as a persona and signs out", async ({ page }) => {
  await page.goto("/signin?callbackUrl=%2Fpetitions");
  await page.getByRole("button", { name: /^Sign in as Lena Novak, Admin/ }).click();
  await expect(page).toHaveURL(/\/petitions$/);
  await expect(page.getByTestId("signed-in-as")).toHaveText("Lena Novak (Admin)");
  await walletSettled(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/my");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fmy/);
});

test("does not redirect to another site after sign-in", async ({ page }) => {
  await page.goto("/signin?callbackUrl=https%3A%2F%2Fevil.example%2F");
  await page.getByRole("button", { name: /^Sign in as Jonas Berg/ }).click();
  await expect(page).toHaveURL(`${APP_ORIGIN}/`);
});

test("signs in through the company's OIDC provider and maps the groups claim to a role", async ({ page }) => {
  await ssoSignIn(page, "rhea.leader");
  await expect(page.getByTestId("signed-in-as")).toHaveText("Rhea Lindqvist (Leadership)");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
});

test("an SSO account outside the configured groups is an employee", async ({ page }) => {
  await ssoSignIn(page, "omar.employee");
  await expect(page.getByTestId("signed-in-as")).toHaveText("Omar Haddad (Employee)");
  // The account exists in Undersigned now and can use signed-in pages.
  await page.goto("/my");
  await expect(page.getByRole("heading", { level: 1, name: "My petitions" })).toBeVisible();
});

test("signing out ends the session everywhere: a copied cookie stops working", async ({ as, browser }) => {
  const { page, context } = await as("tomas");
  expect((await page.request.get("/api/tokens")).status()).toBe(200);
  const copied = await context.cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  const thief = await browser.newContext();
  await thief.addCookies(copied);
  expect((await thief.request.get("/api/tokens")).status()).toBe(401);
  await thief.close();
});
