// The anonymous two-way conversation (issue 17 point 1, docs/decisions/026), in real browsers:
// the writer's browser makes the comment's key, leadership asks in another browser, the writer's
// browser finds the question by reading the public thread and answers as "the author" without a
// cookie, and a second person's browser can neither see the question as theirs nor answer.
import { webcrypto } from "node:crypto";
import { APP_ORIGIN, expect, ssoSignIn, test } from "./support/fixtures";

const PROGRAM = "/programs/flow-insights";

test("leadership asks, only the writer's browser answers as the author, anonymously", async ({ page, as }) => {
  // Four browsers, a batch interval and live updates: about 40 s on a slow machine.
  test.setTimeout(180_000);
  const answerRequests: Record<string, string>[] = [];
  page.on("request", async (request) => {
    if (request.url().endsWith("/api/comments/answers") && request.method() === "POST") answerRequests.push(await request.allHeaders());
  });

  // The writer posts; the browser sends the comment's public key with it.
  await ssoSignIn(page, "kai.author");
  await page.goto(PROGRAM);
  const text = `Who can read the keystroke logs today? ${Date.now()}`;
  const sent = page.waitForRequest((r) => r.url().endsWith("/api/comments") && r.method() === "POST");
  await page.getByLabel("Your anonymous comment").fill(text);
  await page.getByRole("button", { name: "Post anonymously" }).click();
  const answerKey = (JSON.parse((await sent).postData() ?? "{}") as { answerKey?: string }).answerKey;
  expect(answerKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
  await expect(page.getByTestId("posted-comment")).toContainText("published", { timeout: 20_000 });

  // Leadership, in its own browser, asks on the record.
  const leader = await as("priya");
  await leader.page.goto(PROGRAM);
  const asked = leader.page.getByTestId("comments").locator("article", { hasText: text });
  await asked.getByText("Ask the writer a question").click();
  const question = "Which tool shows you the logs, and since when?";
  await asked.getByLabel("Your question").fill(question);
  await asked.getByRole("button", { name: "Ask on the record" }).click();
  await expect(asked.getByRole("status")).toContainText("Asked, under your name and role");
  await leader.page.reload();
  const askedAgain = leader.page.getByTestId("comments").locator("article", { hasText: text });
  await expect(askedAgain.getByTestId("comment-question")).toContainText("Priya Raman · Leadership asked");
  await expect(askedAgain.getByTestId("comment-question")).toContainText(question);

  // A second person sees the question in the thread, but nothing offers them to answer it.
  const other = await as("tomas");
  await other.page.goto(PROGRAM);
  await expect(other.page.getByTestId("comments").locator("article", { hasText: text }).getByTestId("comment-question")).toContainText(question);
  await expect(other.page.getByTestId("author-questions")).toHaveCount(0);
  // Their browser signing with a key of its own is refused, with a message.
  const questionId = await other.page.evaluate(async (body) => {
    const res = await fetch("/api/programs/flow-insights/comments?limit=100", { credentials: "omit" });
    const page = (await res.json()) as { items: { bodyHtml: string; questions: { id: string }[] }[] };
    return page.items.find((c) => c.bodyHtml.includes(body))!.questions[0]!.id;
  }, text);
  // Signed by a key of their own, sent cookieless from outside the page (a refused request in a
  // page is logged as a console error, which this suite counts as a failure).
  const pair = await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
  const nonce = Buffer.from(webcrypto.getRandomValues(new Uint8Array(32))).toString("base64url");
  const forgedBody = "I am the author, honestly.";
  const commentId = await other.page.getByTestId("comments").locator("article", { hasText: text }).getAttribute("data-comment-id");
  const message = new TextEncoder().encode(JSON.stringify(["undersigned/answer-as-author/v1", commentId, questionId, forgedBody, nonce]));
  const signature = Buffer.from(await webcrypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, pair.privateKey, message)).toString("base64url");
  const res = await fetch(`${APP_ORIGIN}/api/comments/answers`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: APP_ORIGIN },
    body: JSON.stringify({ questionId, body: forgedBody, nonce, signature }),
  });
  const forged = { status: res.status, body: (await res.json()) as { error: { message: string } } };
  expect(forged.status).toBe(400);
  expect(forged.body.error.message).toMatch(/does not match this comment's key/);

  // The writer's browser finds the question by reading the public thread, and answers.
  await page.reload();
  const mine = page.getByTestId("author-questions");
  await expect(mine).toContainText("Your anonymous comment was asked a question");
  await expect(mine).toContainText(question);
  await expect(mine).toContainText("Question from Priya Raman · Leadership");
  const answer = "The admin page of the analytics tool, since March.";
  await mine.getByLabel("Your answer as the author").fill(answer);
  await mine.getByRole("button", { name: "Answer anonymously as the author" }).click();
  await expect(mine.getByTestId("answer-waiting")).toContainText(answer);
  // Sent without a cookie, like a comment.
  expect(answerRequests.length).toBeGreaterThanOrEqual(1);
  for (const headers of answerRequests) {
    expect(Object.keys(headers)).not.toContain("cookie");
    expect(Object.keys(headers)).not.toContain("authorization");
  }

  // After the batch, everyone sees the answer under "the author", never a name.
  await expect(async () => {
    await leader.page.reload();
    await expect(leader.page.getByTestId("comments").locator("article", { hasText: text }).getByTestId("author-answer")).toContainText(answer, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  const shown = leader.page.getByTestId("comments").locator("article", { hasText: text }).getByTestId("author-answer");
  await expect(shown).toContainText("the author answered anonymously");
  await expect(shown).not.toContainText("Kai");
  // The writer's browser sees its answer published.
  await page.reload();
  await expect(page.getByTestId("author-questions")).toContainText("You answered");
  // The second person's browser still has nothing to answer.
  await other.page.reload();
  await expect(other.page.getByTestId("author-questions")).toHaveCount(0);

  // Later the writer puts their name on the comment, one way and for good.
  await page.getByTestId("author-questions").getByText("Put my name on this comment").click();
  await page.getByLabel("I understand this cannot be undone").check();
  await page.getByRole("button", { name: "Reveal my name, for good" }).click();
  // The panel re-reads the thread at once; the comment now carries the name.
  await expect(page.getByTestId("author-questions")).toContainText("Your comment, shown with your name (Kai Sorensen)");
  await leader.page.reload();
  await expect(leader.page.getByTestId("comments").locator("article", { hasText: text }).getByTestId("revealed-writer")).toContainText("Kai Sorensen");
});
