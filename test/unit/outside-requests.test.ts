// Work that outlives a request must not keep the request alive (lib/runtime/outside-requests.ts).
// A request here is what Next.js makes it: a store in an AsyncLocalStorage, big enough to see. The
// test holds it only by a WeakRef and asks the collector whether anything else still does.
import { AsyncLocalStorage } from "node:async_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { wallClockTimer } from "@/lib/anonymity/batch";
import { createRateLimiter } from "@/lib/ratelimit/limiter";
import { captureOutsideRequests, outsideRequests } from "@/lib/runtime/outside-requests";
import { createDb } from "@/lib/db/client";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const requests = new AsyncLocalStorage<{ body: Uint8Array }>();

/** Runs `during` inside a fresh "request" and answers whether, once it is over, anything still holds the request. */
async function requestKept(during: () => Promise<unknown>): Promise<boolean> {
  const held = await (async () => {
    const request = { body: new Uint8Array(1 << 20) };
    const ref = new WeakRef(request);
    await requests.run(request, during);
    return ref;
  })();
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setImmediate(r));
    gc();
  }
  return held.deref() !== undefined;
}

describe("work that outlives a request", () => {
  beforeAll(() => captureOutsideRequests());

  it("the check: a timer made in a request keeps it, the same timer made outside requests does not", async () => {
    const timers: NodeJS.Timeout[] = [];
    expect(await requestKept(async () => void timers.push(setTimeout(() => undefined, 60_000).unref()))).toBe(true);
    expect(await requestKept(async () => void timers.push(outsideRequests(() => setTimeout(() => undefined, 60_000).unref())))).toBe(false);
    for (const t of timers) clearTimeout(t);
  });

  it("the rate limiter's window (a timer per account) does not keep the request that spent the point", async () => {
    const limiter = createRateLimiter(createDb("file:./test/.tmp/outside-requests-unused.db"));
    let n = 0;
    expect(await requestKept(() => limiter.limit("sign", `account-${n++}`))).toBe(false);
    expect(await requestKept(() => limiter.limit("petition", `account-${n++}`))).toBe(false);
  });

  it("a batch timer started by a request does not keep that request", async () => {
    let stop: () => void = () => undefined;
    expect(await requestKept(async () => void (stop = wallClockTimer("t", (now) => new Date(now.getTime() + 60_000), async () => undefined)))).toBe(false);
    stop();
  });

  it("what runs outside requests still answers the request that asked", async () => {
    const seen = await requests.run({ body: new Uint8Array(1) }, async () => {
      await outsideRequests(() => new Promise((r) => setTimeout(r, 1)));
      return requests.getStore()?.body.length;
    });
    expect(seen).toBe(1);
    expect(outsideRequests(() => requests.getStore())).toBeUndefined();
  });
});
