// The author's door shares the global anonymous budget with comments (decision 026), and like the
// comment door (issue 14) only a verified answer may spend it: a signed-out flood of forged
// answers must not switch answering, or commenting, off for everyone. Drives the real route.
import { describe, expect, it } from "vitest";
import { askQuestion } from "@/lib/comments/conversation";
import { RULES } from "@/lib/ratelimit/limiter";
import { collectTokens, gatherCrowd, makeAnswerKey, makeProgram, postPublished } from "./anon";
import { makeUser, makeUsers, testDatabase } from "./db";

const { db, url } = testDatabase();
// The route's own database client (lib/db/server) reads DATABASE_URL when it is first imported.
process.env.DATABASE_URL = url;
// The typed configuration (lib/config) is parsed once per process; parse it again with this URL.
delete (globalThis as { undersignedServerConfig?: unknown }).undersignedServerConfig;

const post = async (POST: (r: Request) => Promise<Response>, body: unknown) =>
  POST(new Request("http://localhost/api/comments/answers", { method: "POST", headers: { "content-type": "application/json", host: "localhost" }, body: JSON.stringify(body) }));

describe("a signed-out flood of forged answers does not switch answering off", () => {
  it("refuses forged answers without spending the budget; the author's answer still gets through", async () => {
    const { POST } = await import("@/app/api/comments/answers/route");
    const program = await makeProgram(db, "answer-flood-program");
    const writer = await makeUser(db);
    const leader = await makeUser(db, { role: "leadership" });
    const [token] = await collectTokens(db, writer, 1);
    await gatherCrowd(db, await makeUsers(db, 5));
    const key = await makeAnswerKey();
    const comment = await postPublished(db, { thread: { programSlug: program.slug }, body: "Ask me.", token, answerKey: key.answerKey });
    const question = await askQuestion(db, leader, comment.id, { body: "What happened next?" });
    const signed = await key.answer(comment.id, question.id, "They kept recording.");
    const flood = RULES.comment.points + 10;
    for (let i = 0; i < flood; i++) {
      const junk = i % 3 === 0 ? {} : i % 3 === 1 ? { ...signed, signature: Buffer.alloc(64, 7).toString("base64url") } : { ...signed, body: "Not what was signed." };
      const res = await post(POST, junk);
      expect(res.status).toBe(400);
    }
    const real = await post(POST, signed);
    expect(real.status).toBe(202);
    expect(await real.json()).toMatchObject({ status: "queued", publishAt: expect.any(String) });
  });
});
