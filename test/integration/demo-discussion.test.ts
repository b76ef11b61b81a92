// Issue 14: the demo's comments were attributable, because the seed collected one token per
// comment (in one week only one person collected, so that week's comment was theirs). The seed
// now behaves as browsers do: every collector collects the whole allowance each week, and the
// comments go through the batch.
import { describe, expect, it } from "vitest";
import { isoWeek } from "@/lib/anonymity/week";
import { listComments } from "@/lib/comments";
import { seedDiscussions } from "@/lib/demo/seed-programs";
import { getSettings } from "@/lib/settings";
import { makeProgram } from "./anon";
import { makeUsers, testDatabase } from "./db";

const { db } = testDatabase();
const DAY = 86_400_000;

describe("the demo's anonymous discussion", () => {
  it("collects the whole allowance for every collector in every week, so TokenIssuance names no writer", async () => {
    const program = await makeProgram(db, "demo-discussion");
    const collectors = await makeUsers(db, 6);
    const now = new Date();
    const comments = [
      { daysAgo: 15, body: "An older comment.", replies: [{ daysAgo: 14, body: "A reply to it." }] },
      { daysAgo: 8, body: "Another one." },
      { daysAgo: 1, body: "A recent one." },
    ];
    await seedDiscussions(db, collectors, [{ thread: { programSlug: program.slug }, comments }], now);
    const { weeklyTokenAllowance } = await getSettings(db);
    const weeks = [...new Set([15, 14, 8, 1].map((d) => isoWeek(new Date(now.getTime() - d * DAY))))];
    const rows = await db.tokenIssuance.findMany();
    // Every collector, every week with a comment, the whole allowance: nothing tells writers apart.
    expect(rows).toHaveLength(collectors.length * weeks.length);
    for (const r of rows) expect(r.issued).toBe(weeklyTokenAllowance);
    expect(new Set(rows.map((r) => r.week))).toEqual(new Set(weeks));
    // Every comment was paid with a real token and published through the batch, with its day.
    expect(await db.spentToken.count()).toBe(4);
    const listed = await listComments(db, { programSlug: program.slug });
    expect(listed.items.map((c) => c.day)).toEqual([1, 8, 15].map((d) => new Date(now.getTime() - d * DAY).toISOString().slice(0, 10)));
    expect(listed.items.at(-1)!.replies).toHaveLength(1);
  });
});
