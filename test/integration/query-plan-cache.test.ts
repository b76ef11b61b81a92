// The query plan cache (lib/db/query-plan-cache.ts, docs/decisions/030) on a real database of
// each kind: a read asked again is not compiled again and still answers for its own values; writes
// and the anonymous paths are never kept; the cache stays within its bounds.
import { describe, expect, it } from "vitest";
import { cacheableQuery, PLAN_CACHE_LIMITS, queryPlanCacheState, setQueryPlanCache } from "@/lib/db/query-plan-cache";
import { makeUser, makeUsers, testDatabase } from "./db";

const { db } = testDatabase();
const kept = (model: string) => queryPlanCacheState().requests.filter((r) => r.startsWith(`{"modelName":"${model}"`));

describe("the query plan cache", () => {
  it("answers a read asked again without compiling it, each time for its own values", async () => {
    const [a, b] = await makeUsers(db, 2);
    const before = queryPlanCacheState();
    for (let round = 0; round < 3; round++) {
      expect((await db.user.findUnique({ where: { id: a!.id } }))?.email).toBe(a!.email);
      expect((await db.user.findUnique({ where: { id: b!.id } }))?.email).toBe(b!.email);
      expect((await db.user.findMany({ where: { id: { in: [a!.id, b!.id] } }, orderBy: { email: "asc" } })).map((u) => u.id)).toEqual([a!, b!].sort((x, y) => x.email.localeCompare(y.email)).map((u) => u.id));
    }
    const after = queryPlanCacheState();
    expect(after.misses - before.misses).toBe(3);
    expect(after.hits - before.hits).toBe(6);
    // A change is seen at once: the cache holds plans, never results.
    await db.user.update({ where: { id: a!.id }, data: { name: "Renamed" } });
    expect((await db.user.findUnique({ where: { id: a!.id } }))?.name).toBe("Renamed");
  });

  it("keeps no write and nothing of the anonymous paths", async () => {
    const user = await makeUser(db);
    await db.user.update({ where: { id: user.id }, data: { name: "Changed" } });
    await db.spentToken.findUnique({ where: { nonceHash: "f".repeat(64) } });
    await db.anonComment.findMany({ where: { day: "2026-12-01" } });
    await db.tokenIssuance.findMany({ where: { userId: user.id } });
    const requests = queryPlanCacheState().requests;
    expect(requests.filter((r) => /"action":"(create|update|delete|upsert)/.test(r))).toEqual([]);
    for (const model of ["SpentToken", "AnonComment", "TokenIssuance"]) expect(kept(model)).toEqual([]);
    expect(requests.some((r) => r.includes("f".repeat(64)))).toBe(false);
  });

  it("stays within its bounds: least recently used out first, long queries not kept", async () => {
    const entries = PLAN_CACHE_LIMITS.entries;
    PLAN_CACHE_LIMITS.entries = 20;
    try {
      const user = await makeUser(db);
      for (let i = 0; i < 30; i++) await db.user.findFirst({ where: { id: user.id, name: { not: `n${i}` } } });
      const state = queryPlanCacheState();
      expect(state.size).toBeLessThanOrEqual(20);
      expect(state.requests.at(-1)).toContain('"n29"');
      expect(state.requests.some((r) => r.includes('"n0"'))).toBe(false);
    } finally {
      PLAN_CACHE_LIMITS.entries = entries;
    }
    const ids = Array.from({ length: 200 }, (_, i) => `missing-${i}`);
    await db.user.findMany({ where: { id: { in: ids } } });
    expect(queryPlanCacheState().requests.some((r) => r.includes("missing-199"))).toBe(false);
  });

  it("switched off, compiles every query again and holds nothing", async () => {
    const user = await makeUser(db);
    setQueryPlanCache(false);
    try {
      const before = queryPlanCacheState();
      for (let i = 0; i < 3; i++) await db.user.findUnique({ where: { id: user.id } });
      const after = queryPlanCacheState();
      expect([after.size, after.hits - before.hits, after.misses - before.misses]).toEqual([0, 0, 0]);
    } finally {
      setQueryPlanCache(true);
    }
  });

  it("decides from the request's model and action", () => {
    expect(cacheableQuery('{"modelName":"Petition","action":"findUnique","query":{}}')).toBe(true);
    expect(cacheableQuery('{"modelName":"Petition","action":"updateOne","query":{}}')).toBe(false);
    expect(cacheableQuery('{"modelName":"SpentToken","action":"findUnique","query":{}}')).toBe(false);
    expect(cacheableQuery('{"action":"queryRaw","query":{"arguments":{"query":"SELECT 1"}}}')).toBe(false);
    expect(cacheableQuery(`{"modelName":"Petition","action":"findMany","query":{"q":"${"x".repeat(PLAN_CACHE_LIMITS.keyChars)}"}}`)).toBe(false);
  });
});
