import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, settingsSchema } from "@/lib/settings";

describe("settings", () => {
  it("has the product's defaults", () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ coSponsorsNeeded: 2, responseThreshold: 500, responseDueDays: 14, closingDaysDefault: 60, anonymityK: 5, weeklyTokenAllowance: 10 });
    expect(settingsSchema.safeParse(DEFAULT_SETTINGS).success).toBe(true);
  });

  it("rejects nonsense values", () => {
    expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, anonymityK: 1 }).success).toBe(false);
    expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, responseThreshold: -3 }).success).toBe(false);
    expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, closingDaysMin: 90, closingDaysDefault: 60 }).success).toBe(false);
  });
});
