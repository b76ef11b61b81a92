import { describe, expect, it } from "vitest";
import { roundUp } from "@/components/chart-scale";

describe("the chart's y axis ends on a round number at or above the goal", () => {
  it("rounds up to 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten", () => {
    expect(roundUp(2600)).toBe(3000);
    expect(roundUp(2500)).toBe(2500);
    expect(roundUp(520)).toBe(600);
    expect(roundUp(101)).toBe(120);
    expect(roundUp(9)).toBe(10);
    expect(roundUp(0)).toBe(1);
  });
  it("never ends below the value", () => {
    for (let n = 1; n < 5000; n += 7) expect(roundUp(n)).toBeGreaterThanOrEqual(n);
  });
});
