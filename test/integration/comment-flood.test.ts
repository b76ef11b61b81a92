// Issue 14: the global comment budget (300 a minute) was spent before the token was checked, so
// 310 signed-out POSTs of `{}` switched commenting off for everyone. Only a valid token with a new
// comment may spend it now. This drives the real route handler, as a signed-out outsider would.
import { describe, expect, it } from "vitest";
import { RULES } from "@/lib/ratelimit/limiter";
import { collectTokens, gatherCrowd, makeProgram } from "./anon";
import { makeUser, makeUsers, testDatabase } from "./db";

const { db, url } = testDatabase();
// The route's own database client (lib/db/server) reads DATABASE_URL when it is first imported.
process.env.DATABASE_URL = url;
// The typed configuration (lib/config) is parsed once per process; parse it again with this URL.
delete (globalThis as { undersignedServerConfig?: unknown }).undersignedServerConfig;

const post = async (POST: (r: Request) => Promise<Response>, body: unknown) =>
  POST(new Request("http://localhost/api/comments", { method: "POST", headers: { "content-type": "application/json", host: "localhost" }, body: JSON.stringify(body) }));

describe("a signed-out flood of junk does not switch commenting off", () => {
  it("refuses junk without spending the budget; a real comment still gets through", async () => {
    const { POST } = await import("@/app/api/comments/route");
    const program = await makeProgram(db, "flood-program");
    const writer = await makeUser(db);
    const [token, second] = await collectTokens(db, writer, 2);
    await gatherCrowd(db, await makeUsers(db, 4));
    const thread = { programSlug: program.slug };
    const forged = { keyId: token!.keyId, nonce: token!.nonce, signature: Buffer.alloc(256, 7).toString("base64") };
    const flood = RULES.comment.points + 10;
    for (let i = 0; i < flood; i++) {
      const junk = i % 3 === 0 ? {} : i % 3 === 1 ? { thread, body: "junk", token: forged } : { thread, body: "junk", token: "not a token" };
      expect((await post(POST, junk)).status).toBe(400);
    }
    const real = await post(POST, { thread, body: "Still open for everyone.", token });
    expect(real.status).toBe(202);
    expect(await real.json()).toMatchObject({ status: "queued", publishAt: expect.any(String) });
    // A re-send of the same comment is answered again, and costs nothing either.
    expect((await post(POST, { thread, body: "Still open for everyone.", token })).status).toBe(202);
    expect((await post(POST, { thread, body: "A second one.", token: second })).status).toBe(202);
  });
});
