import { describe, expect, it } from "vitest";
import { batchAfter, cryptoRandom, FRESH_BATCHES, isFresh, sendAfter, SPREAD_BATCHES } from "./send-delay";

const I = 300_000;
const T = 5_000 * I; // a batch instant

describe("when a comment is held back", () => {
  it("sends at once when this browser did not collect this week, or collected two batch intervals ago or more", () => {
    expect(sendAfter({ now: T, collectedAt: null, batchMs: I })).toBeNull();
    expect(sendAfter({ now: T, collectedAt: T - FRESH_BATCHES * I, batchMs: I })).toBeNull();
    expect(sendAfter({ now: T + 10 * I, collectedAt: T, batchMs: I })).toBeNull();
  });

  it("holds back a comment written less than two intervals after the collection, and after a clock that went backwards", () => {
    expect(isFresh({ now: T + 1, collectedAt: T, batchMs: I })).toBe(true);
    expect(isFresh({ now: T + 2 * I - 1, collectedAt: T, batchMs: I })).toBe(true);
    expect(isFresh({ now: T - 60_000, collectedAt: T, batchMs: I })).toBe(true);
    expect(sendAfter({ now: T + 30_000, collectedAt: T, batchMs: I })).not.toBeNull();
  });
});

describe("the drawn time", () => {
  it("lies in the whole batch windows after the current one: never the next batch, at most the fifth", () => {
    const now = T + 123_456;
    const at = (r: number) => sendAfter({ now, collectedAt: now - 1_000, batchMs: I, random: () => r })!;
    expect(at(0)).toBe(T + I);
    expect(batchAfter(at(0), I)).toBe(T + 2 * I);
    expect(at(0.999_999_999)).toBeLessThan(T + (1 + SPREAD_BATCHES) * I);
    expect(batchAfter(at(0.999_999_999), I)).toBe(T + (1 + SPREAD_BATCHES) * I);
    // A random source that misbehaves (1 or beyond) still stays inside the range.
    expect(at(1)).toBeLessThan(T + (1 + SPREAD_BATCHES) * I);
    expect(at(-1)).toBe(T + I);
    expect(at(0.5)).toBeGreaterThan(now);
  });

  it("makes each of the four batches equally likely, whenever in its window the comment was written", () => {
    for (const offset of [1, I / 2, I - 1]) {
      const counts = new Map<number, number>();
      const n = 40_000;
      for (let i = 0; i < n; i++) {
        const sent = sendAfter({ now: T + offset, collectedAt: T, batchMs: I })!;
        const batch = (batchAfter(sent, I) - T) / I;
        counts.set(batch, (counts.get(batch) ?? 0) + 1);
      }
      expect([...counts.keys()].sort()).toEqual([2, 3, 4, 5]);
      // Each share is 1/4; with 40,000 draws its standard deviation is 0.22 %, so 1.5 % is over
      // six standard deviations (a false failure about once in a billion runs).
      for (const c of counts.values()) expect(Math.abs(c / n - 1 / 4)).toBeLessThan(0.015);
    }
  });

  it("the default random source is uniform in [0, 1)", () => {
    const draws = Array.from({ length: 10_000 }, cryptoRandom);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(new Set(draws).size).toBeGreaterThan(9_990);
  });
});
