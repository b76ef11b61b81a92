import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "@/lib/dashboard/csv";
import { kAnonymousBreakdown } from "@/lib/privacy/k-anonymity";

const population = fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 40 }), { maxKeys: 9 });

describe("k-anonymous breakdowns", () => {
  it("shows groups of at least k and folds the rest into other", () => {
    expect(kAnonymousBreakdown({ Engineering: 12, Sales: 7, Legal: 2, Finance: 4 }, 5)).toEqual({
      groups: [{ name: "Engineering", count: 12 }, { name: "Sales", count: 7 }],
      other: 6,
      total: 25,
      suppressed: false,
    });
  });

  it("suppresses a second group when other alone would expose a small one", () => {
    // Legal (2) alone in "other" would be exposed by total − shown; Sales is folded with it.
    expect(kAnonymousBreakdown({ Engineering: 12, Sales: 7, Legal: 2 }, 5)).toEqual({
      groups: [{ name: "Engineering", count: 12 }],
      other: 9,
      total: 21,
      suppressed: false,
    });
  });

  it("shows nothing for a population smaller than k", () => {
    expect(kAnonymousBreakdown({ Engineering: 3, Sales: 1 }, 5)).toEqual({ groups: [], other: 0, total: 0, suppressed: true });
  });

  it("property: no combination of a breakdown's numbers isolates fewer than k people", () => {
    fc.assert(
      fc.property(population, fc.integer({ min: 2, max: 12 }), (counts, k) => {
        const b = kAnonymousBreakdown(counts, k);
        const realTotal = Object.values(counts).reduce((a, n) => a + n, 0);
        if (realTotal < k) return b.total === 0 && b.groups.length === 0 && b.other === 0;
        const cells = [...b.groups.map((g) => g.count), ...(b.other > 0 ? [b.other] : [])];
        // Every published number is 0 or ≥ k, and the parts add up to the total.
        expect(b.total).toBe(realTotal);
        expect(cells.reduce((a, n) => a + n, 0)).toBe(b.total);
        for (const c of cells) expect(c).toBeGreaterThanOrEqual(k);
        // Any union of published cells, and the rest of the population, is 0 or ≥ k.
        for (let mask = 0; mask < 1 << cells.length; mask++) {
          const sum = cells.reduce((a, n, i) => (mask & (1 << i) ? a + n : a), 0);
          for (const derived of [sum, b.total - sum]) expect(derived === 0 || derived >= k).toBe(true);
        }
        // Shown groups are real groups with their real counts.
        for (const g of b.groups) expect(counts[g.name]).toBe(g.count);
        return true;
      }),
      { numRuns: 500 },
    );
  });

  it("property: two views of the same signers (department, location) share only the total", () => {
    const signer = fc.record({ department: fc.constantFrom("Eng", "Sales", "Legal", "Ops", "HR"), location: fc.constantFrom("Berlin", "Lisbon", "London", "Remote") });
    fc.assert(
      fc.property(fc.array(signer, { maxLength: 60 }), fc.integer({ min: 2, max: 8 }), (signers, k) => {
        const tally = (key: "department" | "location") => signers.reduce<Record<string, number>>((m, s) => ({ ...m, [s[key]]: (m[s[key]] ?? 0) + 1 }), {});
        const a = kAnonymousBreakdown(tally("department"), k);
        const b = kAnonymousBreakdown(tally("location"), k);
        expect(a.total).toBe(b.total);
        // Differences between the two views' totals and unions stay 0 or ≥ k within each view.
        for (const view of [a, b]) for (const g of view.groups) expect(view.total - g.count === 0 || view.total - g.count >= k).toBe(true);
        return true;
      }),
      { numRuns: 300 },
    );
  });
});

describe("CSV export", () => {
  it("quotes every cell and defuses formulas", () => {
    expect(csvCell("Ana")).toBe('"Ana"');
    expect(csvCell('Say "hi"')).toBe('"Say ""hi"""');
    for (const bad of ["=HYPERLINK(\"http://evil\")", "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"]) {
      expect(csvCell(bad).startsWith(`"'`)).toBe(true);
    }
    expect(toCsv([["a", 1], ["b,c", null]])).toBe('"a","1"\r\n"b,c",""\r\n');
  });

  it("property: no exported cell can start a formula", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const cell = csvCell(s);
        const inner = cell.slice(1, -1);
        return !/^[=+\-@\t\r]/.test(inner);
      }),
    );
  });
});
