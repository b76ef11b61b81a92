import { readdirSync, readFileSync } from "node:fs";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { APP_ORIGIN, expect, MAIN_PETITION, openPetition, readCount, test } from "./support/fixtures";
import { anonymousDoor, heldToken } from "./support/sign-token";

test("the demo shows leadership's two answers, the pause, and commitments kept, open and missed", async ({ page }) => {
  await openPetition(page, MAIN_PETITION);
  await expect(page.getByText("Leadership responded").first()).toBeVisible();
  const responses = page.getByTestId("responses");
  await expect(responses).toContainText("thirty minutes");
  await expect(responses.getByTestId("commitments")).toContainText("Kept");
  await expect(responses.getByTestId("commitments")).toContainText(/Due \d+ \w+ \d{4}/);
  await expect(page.getByTestId("updates")).toContainText("thirty-minute pause is not what we asked for");

  await page.goto("/programs/flow-insights");
  await expect(page.getByTestId("responses")).toContainText("paused Flow Insights");
  await page.goto("/programs/badge-entry-analytics");
  await expect(page.getByTestId("commitments")).toContainText("Missed");
});

test("the timeline filters by kind and program, pages, and has a valid Atom feed and JSON API", async ({ page }) => {
  await page.goto("/timeline");
  await expect(page.getByRole("heading", { level: 1, name: "Timeline" })).toBeVisible();
  await page.getByLabel("Kind").selectOption("program_status_changed");
  await page.getByRole("button", { name: "Filter" }).click();
  const events = page.getByTestId("timeline");
  await expect(events.locator("li[data-kind]").first()).toContainText("Active → Paused");
  expect(await events.locator("li[data-kind]:not([data-kind='program_status_changed'])").count()).toBe(0);
  await events.getByRole("link", { name: /Flow Insights/ }).first().click();
  await expect(page).toHaveURL(/\/programs\/flow-insights$/);

  const api = await page.request.get("/api/timeline?limit=5");
  const body = await api.json();
  expect(body.items).toHaveLength(5);
  const next = await (await page.request.get(`/api/timeline?limit=5&cursor=${encodeURIComponent(body.nextCursor)}`)).json();
  expect(next.items.map((e: { id: string }) => e.id)).not.toContain(body.items[4].id);
  expect((await page.request.get("/api/timeline?kind=nonsense")).status()).toBe(400);

  const feed = await page.request.get("/timeline.atom?program=flow-insights");
  expect(feed.headers()["content-type"]).toContain("application/atom+xml");
  const xml = await feed.text();
  expect(XMLValidator.validate(xml)).toBe(true);
  const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml);
  expect(parsed.feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
  expect([parsed.feed.entry].flat().length).toBeGreaterThan(2);

  // Every filter is its own feed, and its links keep the filter; links are absolute (AUTH_URL).
  const feeds: Record<string, { id: string; self: string; alternate: string; xml: string }> = {};
  for (const query of ["", "?program=flow-insights", "?petition=no-such-petition", "?kind=response_posted", "?program=flow-insights&kind=response_posted"]) {
    const text = await (await page.request.get(`/timeline.atom${query}`)).text();
    const f = new XMLParser({ ignoreAttributes: false }).parse(text).feed;
    const links = Object.fromEntries([f.link].flat().map((l: Record<string, string>) => [l["@_rel"], l["@_href"]]));
    feeds[query] = { id: f.id, self: links.self, alternate: links.alternate, xml: text };
    expect(links.self, query).toBe(`${APP_ORIGIN}/timeline.atom${query}`);
    expect(links.alternate, query).toBe(`${APP_ORIGIN}/timeline${query}`);
  }
  expect(new Set(Object.values(feeds).map((f) => f.id)).size).toBe(5);
  // The browser's own XML parser, which (unlike fast-xml-parser's validator) refuses characters
  // XML forbids, reads every feed without error.
  for (const [query, f] of Object.entries(feeds)) {
    const error = await page.evaluate((xml) => new DOMParser().parseFromString(xml, "application/xml").querySelector("parsererror")?.textContent ?? null, f.xml);
    expect(error, query).toBeNull();
  }
  expect(await page.evaluate(() => new DOMParser().parseFromString("<a>\uffff</a>", "application/xml").querySelector("parsererror") !== null)).toBe(true);
  // The page's feed link keeps the filter too.
  await page.goto("/timeline?kind=response_posted");
  await expect(page.getByRole("link", { name: "Atom feed" })).toHaveAttribute("href", "/timeline.atom?kind=response_posted");
});

test("a second page receives new events and counts live", async ({ page, as }) => {
  // A signed-out reader keeps the timeline and a petition open in two pages.
  await page.goto("/timeline");
  const reader2 = await page.context().newPage();
  reader2.on("console", (m) => {
    if (m.type() === "error") throw new Error(m.text());
  });
  await openPetition(reader2, "Quiet hours: no meeting invitations after six in the evening");
  const before = await readCount(reader2);

  const { page: maya, context } = await as("maya");
  await openPetition(maya, MAIN_PETITION);
  const text = `Live update ${Date.now()}: thank you for 1,900 signatures.`;
  await maya.getByLabel("New update").fill(text);
  await maya.getByRole("button", { name: "Post update to signers" }).click();
  await expect(maya.getByTestId("updates")).toContainText(text);
  await expect(page.getByTestId("live-events")).toContainText("Update from the organizers", { timeout: 10_000 });

  // By title: other tests open petitions whose words match too, after this browser collected.
  const list = (await (await context.request.get("/api/petitions?q=quiet%20hours")).json()) as { items: { id: string; title: string }[] };
  const quiet = list.items.find((p) => p.title.startsWith("Quiet hours"))!.id;
  // An anonymous signature: the token Maya's wallet collected, spent without cookies;
  // it is queued, and the reader's count moves when the batch is written (every 2 s in these tests).
  const token = await heldToken(maya, quiet);
  expect(token).not.toBeNull();
  const sign = await anonymousDoor(quiet, "POST", token!);
  expect(sign.status).toBe(202);
  expect(sign.body.status).toBe("queued");
  await expect.poll(() => readCount(reader2), { timeout: 10_000 }).toBe(before + 1);
  await reader2.close();
});

test("leadership responds with a commitment and corrects it; others cannot respond", async ({ as }) => {
  const { page: jonas } = await as("jonas");
  await openPetition(jonas, "Publish who can read monitoring data, and log every access");
  await expect(jonas.getByText("Post an official response")).toHaveCount(0);

  const { page: priya } = await as("priya");
  await openPetition(priya, "Publish who can read monitoring data, and log every access");
  await expect(priya.getByText(/Response overdue by \d+ days/).first()).toBeVisible();
  await priya.getByLabel("Response", { exact: true }).fill("We will publish the access list for every monitoring program.");
  await priya.getByLabel("What will be done").first().fill("Publish the access list");
  await priya.getByLabel("Owner role").first().fill("CISO");
  const due = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  await priya.getByLabel("Due").first().fill(due);
  await priya.getByRole("button", { name: "Publish response" }).click();
  await expect(priya.getByTestId("responses")).toContainText("We will publish the access list");
  await expect(priya.getByTestId("commitments")).toContainText("Publish the access list");
  await priya.getByText("Correct this response").click();
  await priya.getByLabel("Corrected text").fill("We will publish the access list for every monitoring program, every quarter.");
  await priya.getByRole("button", { name: "Publish correction" }).click();
  await expect(priya.getByTestId("responses")).toContainText(/edited \d+/);
  // The correction names who made it, by name and role (decision 010).
  await expect(priya.getByTestId("edited-by").first()).toContainText(/by Priya Raman, Leadership$/);
  await expect(priya.getByText("Earlier versions (1)")).toBeVisible();
  await expect(priya.getByText("Leadership responded").first()).toBeVisible();
});

test("a follower set to instant email gets mail through SMTP and unsubscribes with a button (never by opening the link) or one-click POST, signed out", async ({ as, browser }) => {
  const { page: sam } = await as("sam");
  await sam.goto("/notifications");
  await sam.getByLabel("Right away").check();
  await sam.getByRole("button", { name: "Save email setting" }).click();
  await expect(sam.getByText("You will get an email right away")).toBeVisible();
  await openPetition(sam, "Quiet hours: no meeting invitations after six in the evening");
  await sam.getByRole("button", { name: "Follow" }).click();
  await expect(sam.getByRole("button", { name: "Unfollow" })).toBeVisible();

  // Leadership responding notifies everyone who follows the petition.
  const { page: priya } = await as("priya");
  await openPetition(priya, "Quiet hours: no meeting invitations after six in the evening");
  await priya.getByLabel("Response", { exact: true }).fill("We will try quiet hours in two offices first.");
  await priya.getByRole("button", { name: "Publish response" }).click();
  await expect(priya.getByTestId("responses")).toContainText("quiet hours in two offices");

  let mail: { to: string[]; subject: string; text: string } | undefined;
  await expect
    .poll(
      () => {
        for (const f of readdirSync("test/.tmp/mail")) {
          const m = JSON.parse(readFileSync(`test/.tmp/mail/${f}`, "utf8")) as typeof mail;
          if (m?.to.includes("sam.duarte@example.com")) mail = m;
        }
        return mail?.subject;
      },
      { timeout: 15_000 },
    )
    .toBe("Undersigned: Response posted");
  expect(mail!.text).toContain("/petitions/quiet-hours");
  const link = new RegExp(`${APP_ORIGIN}/unsubscribe\\?token=\\S+`).exec(mail!.text)![0];

  // A link scanner (Safe Links, Proofpoint) opens every link in the message: that changes nothing.
  const scanned = await sam.request.get(link, { headers: { cookie: "" } });
  expect(scanned.status()).toBe(200);
  const stranger = await browser.newContext();
  const page = await stranger.newPage();
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Stop emails from Undersigned?" })).toBeVisible();
  await sam.goto("/notifications");
  await expect(sam.getByLabel("Right away")).toBeChecked();

  // The button POSTs, and that switches email off, signed out.
  await page.getByRole("button", { name: "Stop all emails" }).click();
  await expect(page.getByRole("status")).toContainText("You are unsubscribed");
  await stranger.close();
  await sam.goto("/notifications");
  await expect(sam.getByLabel("Never (in the app only)")).toBeChecked();
  await expect(sam.getByTestId("notifications")).toContainText("Leadership responded");

  // RFC 8058 one-click: the mail client POSTs "List-Unsubscribe=One-Click" to the List-Unsubscribe address.
  await sam.getByLabel("Right away").check();
  await sam.getByRole("button", { name: "Save email setting" }).click();
  await expect(sam.getByText("You will get an email right away")).toBeVisible();
  const token = new URL(link).searchParams.get("token")!;
  const oneClick = await sam.request.post(`/api/unsubscribe?token=${encodeURIComponent(token)}`, {
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: "" },
    data: "List-Unsubscribe=One-Click",
  });
  expect(oneClick.status()).toBe(200);
  await sam.reload();
  await expect(sam.getByLabel("Never (in the app only)")).toBeChecked();
});
