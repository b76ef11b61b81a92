import { readFileSync } from "node:fs";
import { nextWeekStart } from "@/lib/anonymity/week";
import { expect, ssoSignIn, test, walletSettled } from "./support/fixtures";

const PROGRAM = "/programs/flow-insights";

test("an employee comments anonymously right after collecting: held in the browser past a reload, then sent without a cookie and published; the server refuses one that carries a cookie", async ({ page, context }) => {
  const commentRequests: Record<string, string>[] = [];
  const requestsAfterPost: string[] = [];
  let watching = true;
  page.on("request", async (request) => {
    if (request.url().endsWith("/api/comments") && request.method() === "POST") commentRequests.push(await request.allHeaders());
    // Link prefetches start when links scroll into view, whatever the person does; on a loaded
    // machine they can land after the post, so they are not requests that follow from posting.
    else if (watching && commentRequests.length > 0 && !request.headers()["next-router-prefetch"]) requestsAfterPost.push(`${request.method()} ${request.url()}`);
  });

  // The browser's clock stands still (its timers keep running) from the collection to the post, so
  // the comment is written "right after collecting" however slow this machine is; later the clock
  // jumps ahead, as if the person had kept a page open for a while.
  const start = Date.now();
  await page.clock.setFixedTime(start);
  await ssoSignIn(page, "ines.writer");
  await page.goto(PROGRAM);
  await expect(page.getByRole("heading", { level: 1, name: "Flow Insights" })).toBeVisible();
  await expect(page.getByText("Nobody can tell who wrote a comment here")).toBeVisible();
  await expect(page.getByText(/It cannot protect/)).toBeVisible();
  await expect(page.getByTestId("key-fingerprint")).toHaveText(/^[0-9a-f]{4}( [0-9a-f]{4}){3}$/);
  await expect(page.getByTestId("tokens-left").first()).toHaveText("10 anonymous comments left this week");
  // Collected on this very visit: the box warns that posting at once could follow the collection.
  await expect(page.getByTestId("fresh-tokens")).toContainText("collected its tokens just now");

  const text = `Who approved reading keystrokes? ${Date.now()}`;
  await page.getByLabel("Your anonymous comment").fill(text);
  await expect(page.getByTestId("batch-notice")).toContainText("published together every 2 seconds");
  await expect(page.getByTestId("crowd")).toContainText(/Each comment hides among \d+ people/);
  await page.getByRole("button", { name: "Post anonymously" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Kept in this browser for now, not sent yet" })).toBeVisible();
  // Written right after collecting: kept in the browser, unsent, with when it goes out and why.
  const mine = page.getByTestId("posted-comment");
  await expect(mine).toContainText(text);
  await expect(mine).toHaveAttribute("data-state", "held");
  await expect(mine).toContainText(/not sent yet: it goes out at about \d\d:\d\d UTC and appears with the batch at about \d\d:\d\d UTC/);
  await expect(page.getByTestId("held-why")).toContainText("collected its tokens less than 4 seconds before you wrote it");
  await expect(page.getByTestId("held-why")).toContainText("if you leave, on your next visit");
  await expect(page.getByTestId("tokens-left").first()).toHaveText("9 anonymous comments left this week");

  // It survives a reload, still held and still unsent.
  await page.reload();
  await walletSettled(page);
  await expect(mine).toHaveAttribute("data-state", "held");
  await expect(mine).toContainText(text);
  await expect(page.getByTestId("tokens-left").first()).toHaveText("9 anonymous comments left this week");

  // A second one, cancelled while held: it is gone and its token is back; every counter agrees.
  await page.getByLabel("Your anonymous comment").fill("On second thought, not this one.");
  await page.getByRole("button", { name: "Post anonymously" }).click();
  const second = page.getByTestId("posted-comment").filter({ hasText: "On second thought" });
  await expect(second).toHaveAttribute("data-state", "held");
  await expect(page.getByTestId("tokens-left").first()).toHaveText("8 anonymous comments left this week");
  await second.getByRole("button", { name: "Cancel this comment (the token comes back)" }).click();
  await expect(second).toHaveCount(0);
  await expect(page.getByTestId("tokens-left").first()).toHaveText("9 anonymous comments left this week");
  expect(commentRequests, "nothing was sent while held").toEqual([]);

  // Time passes beyond the drawn moment: the page sends it on its own, without a cookie.
  await page.clock.setFixedTime(start + 10 * 60_000);
  await expect.poll(() => commentRequests.length, { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(mine).toHaveCount(1);
  await page.waitForTimeout(500);
  watching = false;
  // Posting is not followed by a signed-in request for the page (only public key lookups may be).
  expect(requestsAfterPost.filter((r) => !r.includes("/api/tokens/keys"))).toEqual([]);
  // After the batch the browser sends it once more (cookieless) and hears it is published.
  await expect(mine).toHaveAttribute("data-state", "published", { timeout: 20_000 });
  await page.reload();
  const comment = page.getByTestId("comments").locator("article", { hasText: text });
  await expect(comment).toContainText("Anonymous");
  await expect(comment).not.toContainText("Ines");
  await expect(page.getByTestId("tokens-left").first()).toHaveText("9 anonymous comments left this week");

  // Every redemption request (the post and its confirmation) carried no cookie and no credentials.
  expect(commentRequests.length).toBeGreaterThanOrEqual(2);
  for (const headers of commentRequests) {
    expect(Object.keys(headers)).not.toContain("cookie");
    expect(Object.keys(headers)).not.toContain("authorization");
  }

  // A request that does carry the session cookie is refused before anything is read.
  const cookies = await context.cookies();
  expect(cookies.some((c) => c.name.includes("session-token"))).toBe(true);
  const withCookie = await context.request.post("/api/comments", {
    data: { thread: { programSlug: "flow-insights" }, body: "sent with my cookie", token: { keyId: "0".repeat(16), nonce: "AA==", signature: "AA==" } },
  });
  expect(withCookie.status()).toBe(400);
  expect((await withCookie.json()).error.message).toMatch(/without cookies or credentials/);

  // A reply, one level deep.
  const first = page.getByTestId("comments").locator(":scope > li").first();
  await first.getByText("Reply", { exact: true }).click();
  await first.getByLabel("Your anonymous reply").fill("Replying without a name.");
  await first.getByRole("button", { name: "Reply anonymously" }).click();
  await expect(first.getByTestId("posted-comment")).toContainText("Replying without a name.");
  // One wallet: the main box and the reply box show the same count.
  await expect(page.getByTestId("tokens-left")).toHaveText(Array(await page.getByTestId("tokens-left").count()).fill("8 anonymous comments left this week"));
  await expect(first.getByTestId("posted-comment")).toHaveAttribute("data-state", "published", { timeout: 20_000 });
  await page.reload();
  await expect(page.getByTestId("comments").locator(":scope > li").first().getByRole("list", { name: "Replies" })).toContainText("Replying without a name.");

  // Signing out keeps the unspent tokens in this browser for the next sign-in.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
  // The SSO provider still knows Ines, so signing in again goes straight back to the app.
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Example Corp SSO" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  await page.goto(PROGRAM);
  await expect(page.getByTestId("tokens-left").first()).toHaveText("8 anonymous comments left this week");

  // A second browser (another device) in the same week: the page says why it has no tokens.
  const other = await context.browser()!.newContext();
  try {
    const second = await other.newPage();
    await ssoSignIn(second, "ines.writer");
    await second.goto(PROGRAM);
    await expect(second.getByTestId("tokens-left").first()).toHaveText("0 anonymous comments left this week");
    await expect(second.getByTestId("tokens-why")).toContainText("collected by another browser or device where you are signed in");
    await expect(second.getByTestId("tokens-why")).toContainText(/new tokens arrive on \d{1,2} [A-Z][a-z]+ \d{4}/);
  } finally {
    await other.close();
  }

  // The server's own logs never mention the comment or the person.
  const log = readFileSync("test/.tmp/e2e-server.log", "utf8");
  expect(log).not.toContain(text);
  expect(log).not.toContain("ines.moreau@example.com");
  expect(log).not.toContain("Ines Moreau");
});

test("a page left open across the start of a week collects the new week's tokens before it writes, and holds the comment", async ({ page }) => {
  const start = Date.now();
  await page.clock.setFixedTime(start);
  await ssoSignIn(page, "wes.weekturn");
  await page.goto(PROGRAM);
  await walletSettled(page);
  await expect(page.getByTestId("tokens-left").first()).toHaveText("10 anonymous comments left this week");
  // The page stays open past Monday 00:00 UTC (by the browser's clock), long after it collected:
  // a comment written now is not fresh by the old collection, but this browser has not collected
  // in the new week (decision 028).
  await page.clock.setFixedTime(nextWeekStart(new Date(start)).getTime() + 60 * 60_000);
  const asked: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.startsWith("/api/tokens")) asked.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  const text = `Written across the week's start ${Date.now()}`;
  await page.getByLabel("Your anonymous comment").fill(text);
  await page.getByRole("button", { name: "Post anonymously" }).click();
  const mine = page.getByTestId("posted-comment").filter({ hasText: text });
  // It asked for this week's keys afresh (and would have collected, had the server's week
  // turned too), and holds the comment as one written right after collecting.
  await expect(mine).toHaveAttribute("data-state", "held");
  expect(asked).toContain("GET /api/tokens/keys");
});

test("a flagged comment hidden by a moderator keeps its place with the public reason", async ({ as }) => {
  const { page: jonas } = await as("jonas");
  await jonas.goto(PROGRAM);
  const target = jonas.getByTestId("comments").locator("article", { hasText: "snooze button" });
  await target.getByText("Flag for moderators").click();
  await target.getByLabel("Reason").selectOption("Harassment or insult");
  await target.getByRole("button", { name: "Flag" }).click();
  await expect(target.getByRole("status")).toHaveText("Thank you; moderators will look at it.");

  // Leadership cannot open the moderation queue.
  const { page: priya } = await as("priya");
  expect((await priya.request.get("/moderation")).status()).toBe(403);

  const { page: sam } = await as("sam");
  await sam.goto("/moderation");
  const flagged = sam.getByTestId("flagged").locator("li", { hasText: "snooze button" });
  await flagged.getByLabel("Rule broken").selectOption("harassment");
  await flagged.getByLabel("Public explanation").fill("Mocks colleagues who chose differently");
  await flagged.getByRole("button", { name: "Hide with this reason" }).click();
  await expect(sam.getByText("Nothing is flagged right now.")).toBeVisible();

  await jonas.goto(PROGRAM);
  await expect(jonas.getByText("Hidden by a moderator: Harassment or insults: Mocks colleagues who chose differently")).toBeVisible();
  // The public moderation log lists it by role, not by name.
  await jonas.goto("/moderation-log");
  const row = jonas.getByTestId("moderation-log").getByRole("row", { name: /Mocks colleagues/ });
  await expect(row).toContainText("A moderator");
  await expect(row).not.toContainText("Sam");
  await expect(jonas.getByText("snooze button")).toHaveCount(0);
});

test("the program page shows its facts, status history and policy differences; the registry and API list it", async ({ page }) => {
  await page.goto("/programs");
  await page.getByRole("link", { name: "Flow Insights" }).click();
  await expect(page.getByText("Paused", { exact: true }).first()).toBeVisible();
  await expect(page.getByTestId("status-history")).toContainText("Active → Paused");
  await expect(page.getByTestId("status-history")).toContainText("access to the collected data is investigated");
  await page.getByTestId("policy-versions").getByRole("link", { name: "What changed in version 2" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Version 2 of the policy" })).toBeVisible();
  await expect(page.getByTestId("policy-diff").locator("ins").first()).toBeVisible();
  // A screen reader hears where a change starts and ends; sighted readers see its colour.
  await expect(page.getByTestId("policy-diff").locator("ins").first()).toContainText("[added: ");
  await page.getByRole("link", { name: "← Flow Insights" }).click();
  await expect(page.getByRole("region", { name: "Petitions about this program" })).toContainText("Stop recording our keystrokes");
  await expect(page.getByRole("link", { name: "Sign in" }).last()).toBeVisible();

  const list = await (await page.request.get("/api/programs")).json();
  expect(list.items.map((p: { slug: string }) => p.slug)).toContain("flow-insights");
  const detail = await (await page.request.get("/api/programs/flow-insights")).json();
  expect(detail.statusHistory.at(-1)).toMatchObject({ from: "active", to: "paused" });
  const comments = await (await page.request.get("/api/programs/flow-insights/comments?limit=2")).json();
  expect(comments.items).toHaveLength(2);
  expect(comments.nextCursor).toEqual(expect.any(String));
  expect(JSON.stringify(comments)).not.toMatch(/userId|email/);
  expect((await page.request.get("/api/programs/nope")).status()).toBe(404);
});

test("an admin adds and edits a program; a policy change becomes a version", async ({ as }) => {
  const { page } = await as("lena");
  await page.goto("/programs/new");
  await page.getByLabel("Name").fill("Phone location check-in");
  await page.getByLabel("Owning team").fill("Security Operations");
  await page.getByLabel("Purpose").fill("Confirm on-call staff are near a site during incidents.");
  await page.getByLabel("What it collects").fill("phone location");
  await page.getByLabel("Retention").fill("7 days");
  await page.getByLabel("Who can access the data").fill("Incident commanders");
  await page.getByLabel("Policy text").fill("Location is read only during a declared incident.");
  await page.getByRole("button", { name: "Add program" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Phone location check-in" })).toBeVisible();
  await page.getByRole("link", { name: "Edit program" }).click();
  await page.getByLabel("Policy text").fill("Location is read only during a declared incident, and only with a notification.");
  await page.getByLabel("What changed in the policy").fill("People are notified.");
  await page.getByLabel("Status", { exact: true }).selectOption("active");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Say why the status changes; the reason is public.").first()).toBeVisible();
  await page.getByLabel("Reason for a status change").fill("Approved by the works council.");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("policy-versions")).toContainText("People are notified.");
  await page.getByRole("link", { name: "What changed in version 2" }).click();
  await expect(page.getByTestId("policy-diff").locator("ins")).toContainText("notification");
  await expect(page.getByRole("link", { name: "← Version 1", exact: true })).toHaveAttribute("rel", "prev");
  await page.getByRole("link", { name: "← Version 1", exact: true }).click();
  // The first version has nothing to compare with, so its page shows its text.
  await expect(page.getByTestId("policy-text")).toHaveText("Location is read only during a declared incident.");
  await expect(page.getByRole("link", { name: "Version 2 →", exact: true })).toHaveAttribute("rel", "next");
  await page.getByRole("link", { name: "Every version, on the program's page" }).click();
  await expect(page.getByTestId("policy-versions").getByRole("link", { name: "Read the first published text" })).toHaveAttribute("href", /\/versions\/1$/);
  await expect(page.getByTestId("status-history")).toContainText("Approved by the works council.");

  // An employee cannot reach the admin screens.
  const jonas = await as("jonas");
  expect((await jonas.page.request.get("/programs/new")).status()).toBe(403);
});

test("the What we store page lists every table and field with its purpose", async ({ page }) => {
  await page.goto("/what-we-store");
  await expect(page.getByRole("heading", { level: 1, name: "What we store" })).toBeVisible();
  const comment = page.getByRole("region", { name: "AnonComment", exact: true });
  await expect(comment).toContainText("It has no author, ever");
  await expect(comment.getByRole("row", { name: /^day/ })).toContainText("no time of day");
  await expect(page.getByRole("region", { name: "TokenIssuance", exact: true })).toContainText("No time, no blinded message");
  // Anonymous signatures have no author (decision 018), said plainly.
  await expect(page.getByText(/An anonymous signature is an\s+AnonSignature\s+row: no\s+account/)).toBeVisible();
  await expect(page.getByRole("region", { name: "Signature", exact: true })).toContainText("Anonymous signatures are not stored here");
  await expect(page.getByRole("region", { name: "AnonSignature", exact: true })).toContainText("It has no author");
});
