import { APP_ORIGIN, expect, OIDC_PORT, PERSONA, ssoSignIn, test, walletSettled } from "./support/fixtures";

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

test("every SSO sign-in re-reads the claims: removed from the admin group at the provider, the account is an admin no more", async ({ browser, as, request }) => {
  const signInFresh = async () => {
    // A new browser each time, so the provider asks again and issues fresh claims.
    const context = await browser.newContext();
    const page = await context.newPage();
    await ssoSignIn(page, "ada.admin");
    return { context, page };
  };
  const first = await signInFresh();
  await expect(first.page.getByTestId("signed-in-as")).toHaveText("Ada Quist (Admin)");
  expect((await first.page.request.get("/admin")).status()).toBe(200);
  await first.context.close();

  // The directory moves Ada out of the admin group and into another department.
  const changed = await request.post(`http://127.0.0.1:${OIDC_PORT}/__test__/accounts/ada.admin`, {
    data: { groups: ["all-staff"], department: "Legal", location: "Bergen" },
  });
  expect(changed.status()).toBe(204);

  const second = await signInFresh();
  await expect(second.page.getByTestId("signed-in-as")).toHaveText("Ada Quist (Employee)");
  expect((await second.page.request.get("/admin")).status()).toBe(403);
  await second.context.close();

  // An admin sees the new department and location, and the audit log says the provider changed the role.
  const { page: lena } = await as("lena");
  await lena.goto("/admin?q=ada.quist");
  await expect(lena.getByTestId("people").locator("li", { hasText: "Ada Quist" })).toContainText("Legal · Bergen");
  await expect(lena.getByTestId("sso-roles")).toContainText("Admin, Moderator, Leadership: decided by the identity provider");
  const row = lena.getByTestId("audit-log").locator("li", { hasText: "Single sign-on changed Ada Quist's role from Admin to Employee" }).first();
  await expect(row).toContainText("(identity provider)");
});
