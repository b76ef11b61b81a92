// Each role's place (issue 16 point 3), signed in as the persona: leadership's inbox, the
// moderation queue, the admin's readable audit and settings, the organizer's dashboard tools and
// "petitions I signed". Each test leaves the demo as other specs expect it (flags dismissed,
// hides undone), or changes only what no other spec reads.
import { expect, MAIN_PETITION, openPetition, test } from "./support/fixtures";
import { heldToken } from "./support/sign-token";

const PROGRAM = "/programs/flow-insights";

test("leadership: an inbox of responses owed, a miss explained, a status changed without a response", async ({ as }) => {
  const { page: priya } = await as("priya");
  await priya.goto("/");
  await priya.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Responses owed" }).click();
  await expect(priya.getByRole("heading", { level: 1, name: "Responses owed" })).toBeVisible();
  const overdue = priya.getByTestId("owed-petitions").locator("li", { hasText: "Publish who can read monitoring data" });
  await expect(overdue.getByTestId("due")).toHaveText(/^Due \d{1,2} \w+ \d{4} · \d+ days? overdue$/);
  // The way to answer is one step away: the link lands on the response form, in view.
  await overdue.getByRole("link", { name: "Write the response" }).click();
  await expect(priya).toHaveURL(/#respond$/);
  await expect(priya.getByLabel("Response", { exact: true })).toBeInViewport();
  await priya.goBack();
  await expect(priya.getByRole("heading", { level: 1, name: "Responses owed" })).toBeVisible();
  // The main petition was answered, so it is not owed.
  await expect(priya.getByTestId("owed-petitions")).not.toContainText(MAIN_PETITION);
  await expect(priya.getByTestId("owed-commitments").locator("li", { hasText: "Publish the list of everyone who can access" }).getByTestId("due")).toHaveText(/· due in \d+ days$/);

  // The lapsed occupancy promise: recorded as missed by the scheduler, explained here.
  const lapsed = priya.getByTestId("owed-commitments").locator("li", { hasText: "Publish monthly occupancy counts per floor" });
  await expect(lapsed.getByTestId("due")).toHaveText(/· \d+ days overdue$/);
  await lapsed.getByText("Record it as missed").click();
  await lapsed.getByLabel("Why it was missed (public)").fill("The floor sensors were removed before the first report.");
  await lapsed.getByRole("button", { name: "Mark missed" }).click();
  // Explained, it is no longer owed.
  await expect(lapsed).toHaveCount(0);
  await priya.goto("/programs/badge-entry-analytics");
  const commitment = priya.getByTestId("commitments").locator("li", { hasText: "Publish monthly occupancy counts per floor" });
  await expect(commitment).toContainText("Missed (was due");
  await expect(commitment.getByTestId("commitment-note")).toHaveText("Why it was missed: The floor sensors were removed before the first report.");

  await priya.goto("/leadership");
  await priya.getByLabel("Program", { exact: true }).selectOption("badge-entry-analytics");
  await priya.getByLabel("New status").selectOption("paused");
  await priya.getByLabel("Public reason").fill("Paused until the works council has reviewed it.");
  await priya.getByRole("button", { name: "Change status" }).click();
  await expect(priya.getByRole("status")).toHaveText("Status changed; the reason is on the program and the timeline.");
  await priya.goto("/programs/badge-entry-analytics");
  await expect(priya.getByTestId("program-status").first()).toHaveText("Paused");
  await expect(priya.getByText("Paused until the works council has reviewed it.").first()).toBeVisible();
  await priya.goto("/timeline");
  await expect(priya.getByTestId("timeline")).toContainText("Badge entry analytics: Active → Paused. Paused until the works council has reviewed it.");

  // Nobody else has the inbox.
  const { page: sam } = await as("sam");
  expect((await sam.request.get("/leadership")).status()).toBe(403);
  await expect(sam.getByRole("link", { name: "Responses owed" })).toHaveCount(0);
});

test("moderators: each flag with its thread and its own reason, dismissed or hidden, and a hide undone in public", async ({ as }) => {
  const { page: tomas } = await as("tomas");
  await tomas.goto(PROGRAM);
  const reply = tomas.getByTestId("comments").locator("article", { hasText: "Same here. I reported it to security" });
  await reply.getByText("Flag for moderators").click();
  await reply.getByLabel("Reason").selectOption("Confidential information");
  await reply.getByRole("button", { name: "Flag" }).click();
  await expect(reply.getByRole("status")).toHaveText("Thank you; moderators will look at it.");
  const other = tomas.getByTestId("comments").locator("article", { hasText: "dashboard export" });
  await other.getByText("Flag for moderators").click();
  await other.getByLabel("Reason").selectOption("Other");
  await other.getByRole("button", { name: "Flag" }).click();
  await expect(other.getByRole("status")).toHaveText("Thank you; moderators will look at it.");

  const { page: sam } = await as("sam");
  await sam.goto("/moderation");
  const flagged = sam.getByTestId("flagged-comment").filter({ hasText: "Same here. I reported it to security" });
  await expect(flagged.getByTestId("flag-reasons")).toHaveText("Confidential information");
  // The thread: the comment it answers.
  await expect(flagged.getByTestId("thread-context")).toContainText("In reply to");
  await expect(flagged.getByTestId("thread-context")).toContainText("I found my own typed passwords");
  // The flag's own reason is preselected; a flag saying only "Other" preselects nothing.
  await expect(flagged.getByLabel("Rule broken")).toHaveValue("confidential");
  const parent = sam.getByTestId("flagged-comment").filter({ has: sam.getByTestId("flag-reasons").filter({ hasText: /^Other$/ }) });
  await expect(parent.getByLabel("Rule broken")).toHaveValue("");

  // Dismiss: it breaks no rule, stays visible, leaves the queue.
  await parent.getByRole("button", { name: "Dismiss: breaks no rule" }).click();
  await expect(parent).toHaveCount(0);
  await expect(flagged).toHaveCount(1);

  // Hide with the preselected reason, then undo it.
  await flagged.getByLabel("Public explanation").fill("Describes an unreported security incident in detail");
  await flagged.getByRole("button", { name: "Hide with this reason" }).click();
  await expect(sam.getByText("Nothing is flagged right now.")).toBeVisible();
  const hidden = sam.getByTestId("hidden-comments").locator("li", { hasText: "Same here. I reported it to security" });
  await expect(hidden).toContainText("Confidential information: Describes an unreported security incident in detail");
  await hidden.getByLabel("Why the hide is undone (public)").fill("It reports the incident without any confidential detail");
  await hidden.getByRole("button", { name: "Undo the hide" }).click();
  await expect(hidden).toHaveCount(0);
  // Its flags were answered: it does not come back to the queue.
  await expect(sam.getByText("Nothing is flagged right now.")).toBeVisible();

  await tomas.goto(PROGRAM);
  await expect(tomas.getByTestId("comments").locator("article", { hasText: "Same here. I reported it to security" })).toBeVisible();
  await tomas.goto("/moderation-log");
  const undo = tomas.getByTestId("moderation-log").getByRole("row", { name: /without any confidential detail/ });
  await expect(undo).toContainText("Hide undone");
  await expect(undo).toContainText("A moderator");
  await expect(undo).not.toContainText("Sam");

  // Only moderators can dismiss: the queue itself is closed to everyone else.
  expect((await tomas.request.get("/moderation")).status()).toBe(403);
});

test("admins: audit entries in words, settings with help, and the last admin kept, said in words", async ({ as }) => {
  const { page: lena } = await as("lena");
  await lena.goto("/admin");
  const field = lena.getByLabel("Smallest group shown in breakdowns (k)");
  await expect(field).toHaveAccessibleDescription(/folded into “Other”, so nobody can be singled out/);
  const audit = lena.getByTestId("audit-log");
  await expect(audit.locator("li").first()).toBeVisible();
  const text = await audit.innerText();
  expect(text).not.toMatch(/[{}]|"from"|c[a-z0-9]{24}/);

  // Lena is the only admin: the refusal to demote her is shown in words, and she stays admin.
  await lena.goto("/admin?q=lena.novak");
  const self = lena.getByTestId("people").locator("li", { hasText: "Lena Novak" });
  await self.getByLabel("Role for Lena Novak").selectOption("employee");
  await self.getByRole("button", { name: "Change role" }).click();
  await expect(self.getByTestId("role-confirm")).toContainText("Change Lena Novak's role from Admin to Employee?");
  await self.getByRole("button", { name: "Confirm change" }).click();
  await expect(self.getByRole("alert")).toHaveText("This is the last admin; make someone else an admin first.");
  // The refusal keeps the choice that was refused, not the old role beside the message.
  await expect(self.getByLabel("Role for Lena Novak")).toHaveValue("employee");
  await lena.reload();
  await expect(lena.getByTestId("signed-in-as")).toContainText("(Admin)");
});

test("organizers: their tools on the dashboard, updates included; 'petitions I signed' on /my", async ({ as }) => {
  const { page: maya } = await as("maya");
  await openPetition(maya, MAIN_PETITION);
  await maya.getByRole("link", { name: "Open the organizer dashboard" }).click();
  const tools = maya.getByTestId("organizer-tools");
  await expect(tools.getByRole("heading", { name: "Your tools" })).toBeVisible();
  await expect(tools.getByRole("button", { name: "Deliver petition" })).toBeVisible();
  await expect(tools.getByRole("button", { name: "Close petition" })).toBeVisible();
  await tools.getByLabel(/Tell signers and followers/).fill("We meet the works council on Thursday; thank you for every signature.");
  await tools.getByRole("button", { name: "Post update to signers" }).click();
  await expect(tools.getByRole("status")).toHaveText("Update posted; followers are notified.");
  await openPetition(maya, MAIN_PETITION);
  await expect(maya.getByTestId("updates").first()).toContainText("We meet the works council on Thursday");

  // Maya signs the access petition with her name: it is listed on /my; then she withdraws.
  await openPetition(maya, "Publish who can read monitoring data, and log every access");
  const id = await maya.locator('input[name="petitionId"]').first().inputValue();
  // Her browser collected the petition's signing token on load; a named signature spends it (decision 018).
  const token = await heldToken(maya, id);
  expect(token).not.toBeNull();
  expect((await maya.request.post(`/api/petitions/${id}/signature`, { data: { visibility: "named", token } })).status()).toBeLessThan(300);
  try {
    await maya.goto("/my");
    await expect(maya.getByRole("heading", { level: 2, name: "Petitions I signed" })).toBeVisible();
    await expect(maya.getByTestId("signed-petitions")).toContainText("Publish who can read monitoring data, and log every access");
    await expect(maya.getByRole("heading", { name: "Signed anonymously, in this browser" })).toBeVisible();
  } finally {
    expect((await maya.request.delete(`/api/petitions/${id}/signature`)).status()).toBeLessThan(300);
  }
});

test("programs: 'Active' only while the dates say it runs; before its start it shows 'Not started'", async ({ as }) => {
  const { page: lena } = await as("lena");
  const start = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await lena.goto("/programs/new");
  await lena.getByLabel("Name").fill("Desk booking sensors");
  await lena.getByLabel("Owning team").fill("Workplace Services");
  await lena.getByLabel("Purpose").fill("Count which desks are used so bookings match the space.");
  await lena.getByLabel("What it collects").fill("desk occupancy");
  await lena.getByLabel("Retention").fill("30 days");
  await lena.getByLabel("Who can access the data").fill("Workplace Services");
  await lena.getByLabel("Status", { exact: true }).selectOption("active");
  await lena.getByLabel("Started on").fill(start);
  await lena.getByLabel("Policy text").fill("Sensors under desks report only whether a desk is occupied.");
  await lena.getByRole("button", { name: "Add program" }).click();
  await expect(lena.getByRole("heading", { level: 1, name: "Desk booking sensors" })).toBeVisible();
  await expect(lena.getByTestId("program-status").first()).toHaveText("Not started");
  await lena.goto("/programs");
  await expect(lena.locator("li", { hasText: "Desk booking sensors" }).getByTestId("program-status")).toHaveText("Not started");
  const active = await (await lena.request.get("/api/programs?status=active")).json();
  expect(active.items.map((p: { name: string }) => p.name)).not.toContain("Desk booking sensors");
});
