import { describe, expect, it } from "vitest";
import { formatCount, formatDate, formatDateTime, formatRate, formatShortDay, formatTime } from "@/lib/format";

describe("the one formatter", () => {
  it("formats days, instants and hours for people, in UTC, never as ISO", () => {
    expect(formatDate("2026-12-10")).toBe("10 December 2026");
    expect(formatDate(new Date("2026-12-10T23:59:59.000Z"))).toBe("10 December 2026");
    expect(formatDateTime("2026-11-29T10:00Z")).toBe("29 November 2026, 10:00 UTC");
    expect(formatTime(Date.UTC(2026, 10, 29, 9, 5))).toBe("09:05 UTC");
    expect(formatShortDay("2026-12-03")).toBe("3 Dec");
    expect(formatDate(null)).toBe("");
    expect(formatDate("not a date")).toBe("");
  });
  it("formats counts and rates without raw fractions", () => {
    expect(formatCount(12345)).toBe("12,345");
    expect(formatRate(48.3)).toBe("48");
    expect(formatRate(2.46)).toBe("2.5");
    expect(formatRate(0)).toBe("0");
    expect(formatRate(Number.NaN)).toBe("0");
  });
});
