// No existence oracles (issue 12, point 6), over HTTP and in the browser: a draft answers every
// route exactly as a petition that does not exist, for everyone who may not see it; and inviting
// a co-organizer says the same whether or not the address has an account, the invitation waiting
// for that person's first sign-in.
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, signIn, ssoSignIn, test } from "./support/fixtures";

const DRAFT = "Tell us before any new monitoring program starts";
const MISSING = { slug: "no-such-petition-a1b2c", id: "no-such-petition-id" };

/** Maya's draft, read from "My petitions" and the organizer panel of its page. */
async function draftOf(maya: Page) {
  await maya.goto("/my");
  await maya.getByRole("link", { name: DRAFT }).click();
  await expect(maya.getByRole("heading", { level: 1, name: DRAFT })).toBeVisible();
  const slug = new URL(maya.url()).pathname.split("/")[2]!;
  const id = await maya.locator('input[name="petitionId"]').first().inputValue();
  return { slug, id };
}

type Target = { slug: string; id: string };
const ROUTES: { method: "GET" | "POST" | "DELETE"; path: (t: Target) => string; body?: unknown }[] = [
  { method: "GET", path: (t) => `/petitions/${t.slug}/export/signatures.csv` },
  { method: "GET", path: (t) => `/petitions/${t.slug}/export/aggregates.csv` },
  { method: "GET", path: (t) => `/api/petitions/${t.id}` },
  { method: "GET", path: (t) => `/api/petitions/${t.id}/count` },
  { method: "GET", path: (t) => `/api/petitions/${t.id}/comments` },
  { method: "POST", path: (t) => `/api/petitions/${t.id}/signature`, body: { visibility: "named" } },
  { method: "DELETE", path: (t) => `/api/petitions/${t.id}/signature` },
];
const PAGES = [(t: Target) => `/petitions/${t.slug}`, (t: Target) => `/petitions/${t.slug}/dashboard`, (t: Target) => `/petitions/${t.slug}/edit`];

async function answer(request: APIRequestContext, route: (typeof ROUTES)[number], t: Target) {
  const url = route.path(t);
  const options = { maxRedirects: 0, failOnStatusCode: false, ...(route.body ? { data: route.body } : {}) };
  const res = route.method === "GET" ? await request.get(url, options) : route.method === "POST" ? await request.post(url, options) : await request.delete(url, options);
  // The answer with the address itself taken out: everything else must be identical.
  return `${res.status()} ${(await res.text()).replaceAll(t.slug, "ADDRESS").replaceAll(t.id, "ADDRESS")}`;
}

test("a draft is 404 everywhere for people who may not see it, exactly like a petition that does not exist", async ({ as, browser }) => {
  // Five people times every route and page, twice each: about a minute on a slow machine.
  test.setTimeout(180_000);
  const { page: maya } = await as("maya");
  const draft = await draftOf(maya);
  // The organizer gets in, so the draft is there to be hidden.
  expect((await maya.request.get(`/petitions/${draft.slug}/dashboard`)).status()).toBe(200);
  expect((await maya.request.get(`/petitions/${draft.slug}/export/signatures.csv`)).status()).toBe(200);

  for (const who of ["jonas", "priya", "sam", "lena", null] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (who) await signIn(page, who);
    for (const route of ROUTES) {
      const seen = await answer(context.request, route, draft);
      expect(seen, `${route.method} ${route.path(draft)} as ${who ?? "anon"}`).toBe(await answer(context.request, route, MISSING));
      expect(seen).toMatch(who ? /^(404|400) / : /^(404|401) /);
    }
    for (const path of PAGES) {
      const res = await page.goto(path(draft));
      const draftText = await page.locator("main").innerText();
      const draftStatus = res?.status();
      const missingRes = await page.goto(path(MISSING));
      expect(draftStatus, `${path(draft)} as ${who ?? "anon"}`).toBe(missingRes?.status());
      expect(draftText).toBe(await page.locator("main").innerText());
      // Signed out, the organizer pages send everyone to sign in first, whatever the address.
      if (new URL(page.url()).pathname !== "/signin") expect(draftStatus).toBe(404);
      else expect(who).toBeNull();
    }
    await context.close();
  }
});

test("an invitation to co-organize says the same whether or not the address has an account, and waits for the first sign-in", async ({ as, browser }) => {
  const { page: maya } = await as("maya");
  const draft = await draftOf(maya);
  const invite = async (email: string) => {
    await maya.getByLabel("Colleague's work email").fill(email);
    await maya.getByRole("button", { name: "Invite co-organizer" }).click();
    const message = maya.getByRole("status").filter({ hasText: email });
    await expect(message).toBeVisible();
    return (await message.innerText()).replaceAll(email, "EMAIL");
  };
  // Tomás has an account; Nadia has never signed in.
  const toAccount = await invite("tomas.ferreira@example.com");
  const toNobody = await invite("nadia.noor@example.com");
  expect(toNobody).toBe(toAccount);
  expect(toAccount).toContain('EMAIL is invited. They become a co-organizer when they accept from "My petitions"');
  expect(toAccount).not.toContain("Tomás");

  // The dashboard counts waiting invitations without naming anyone.
  await maya.goto(`/petitions/${draft.slug}/dashboard`);
  await expect(maya.getByTestId("pending-invitations")).toContainText("2 invitations wait for an answer");
  await expect(maya.locator("main")).not.toContainText("Tomás");

  // Nadia signs in for the first time through single sign-on and finds the invitation.
  const context = await browser.newContext();
  const nadia = await context.newPage();
  await ssoSignIn(nadia, "nadia.newcomer");
  await nadia.goto("/my");
  const invitation = nadia.getByTestId("invitations").locator("li", { hasText: DRAFT });
  await expect(invitation).toBeVisible();
  await invitation.getByRole("button", { name: "Accept" }).click();
  // Accepted: the invitation is gone and the draft is among Nadia's petitions.
  await expect(nadia.getByTestId("invitations")).toHaveCount(0);
  await expect(nadia.getByRole("link", { name: DRAFT })).toBeVisible();
  await nadia.goto(`/petitions/${draft.slug}`);
  await expect(nadia.getByRole("heading", { level: 1, name: DRAFT })).toBeVisible();
  await expect(nadia.getByText("Only this petition's organizers see this section.")).toBeVisible();
  await context.close();

  await maya.goto(`/petitions/${draft.slug}/dashboard`);
  await expect(maya.getByTestId("pending-invitations")).toContainText("1 invitation waits for an answer");
  await expect(maya.locator("main")).toContainText("Nadia Noor (co-organizer)");

  // Tomás declines, which leaves the draft as it was for the other tests.
  const { page: tomas } = await as("tomas");
  await tomas.goto("/my");
  await tomas.getByTestId("invitations").locator("li", { hasText: DRAFT }).getByRole("button", { name: "Decline" }).click();
  await expect(tomas.getByTestId("invitations")).toHaveCount(0);
  await expect(tomas.getByRole("link", { name: DRAFT })).toHaveCount(0);
});
