// The wallet asks for the key list afresh when its newest key is of a week that is over, so a
// page left open across Monday 00:00 UTC collects the new week's tokens before it writes
// (docs/decisions/028).
import { describe, expect, it } from "vitest";
import { isoWeek, isPastWeek, nextWeekStart } from "@/lib/anonymity/week";

describe("isPastWeek", () => {
  it("is false all through the week, to its last millisecond, and true from the next Monday 00:00 UTC", () => {
    const monday = new Date("2026-11-30T00:00:00Z");
    expect(isoWeek(monday)).toBe("2026-W49");
    expect(isPastWeek("2026-W49", monday)).toBe(false);
    const next = nextWeekStart(monday);
    expect(isPastWeek("2026-W49", new Date(next.getTime() - 1))).toBe(false);
    expect(isPastWeek("2026-W49", next)).toBe(true);
    expect(isPastWeek("2026-W48", monday)).toBe(true);
  });

  it("orders weeks across a year's end, and a week to come is not past", () => {
    const firstWeek = new Date("2026-01-05T00:00:00Z");
    expect(isoWeek(firstWeek)).toBe("2026-W02");
    expect(isPastWeek("2025-W52", firstWeek)).toBe(true);
    expect(isPastWeek("2026-W01", firstWeek)).toBe(true);
    expect(isPastWeek("2026-W03", firstWeek)).toBe(false);
    expect(isPastWeek("2027-W01", firstWeek)).toBe(false);
  });
});
