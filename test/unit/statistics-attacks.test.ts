// Statistics cannot be subtracted (issue 13 point 4, decision 017). An adversary (an organizer)
// sees, at any moment it likes, everything the dashboard and both exports publish, plus the public
// named list with its times and every named signer's department and location (the company
// directory). Over random populations, days and withdrawals it runs each attack from the issue and
// fails on any derived number that puts between 1 and k − 1 anonymous signers in a group:
//   1. aggregate CSV minus the named export (per department, per location, "Other", total);
//   2. day over day, and any two moments, withdrawals included ("a withdrawal moving a cell");
//   3. the per-hour chart minus the named list's signatures in that hour.
// The same attacks, run against the old method (anonymous signers inside the breakdowns and the
// hourly chart), find the exposures the issue measured, so they are not vacuous.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregatesCsv, computeStats, namedSignaturesCsv, type NamedRow, type Stats, type StatsInput } from "@/lib/dashboard/stats";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 2); // day 0, 00:00 UTC
const DEPARTMENTS = ["Finance", "Operations", "Sales", "Legal"];
const LOCATIONS = ["Berlin", "Dublin", "Lisbon"];

type Person = { name: string; department: string; location: string; named: boolean; signAt: number; withdrawAt: number | null };

const person = fc
  .record({
    department: fc.constantFrom(...DEPARTMENTS),
    location: fc.constantFrom(...LOCATIONS),
    named: fc.boolean(),
    signDay: fc.integer({ min: 0, max: 4 }),
    signMinute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
    withdrawAfterMinutes: fc.option(fc.integer({ min: 1, max: 3 * 24 * 60 }), { freq: 4 }),
  })
  .map((p) => {
    const signAt = T0 + p.signDay * DAY + p.signMinute * 60_000;
    return { department: p.department, location: p.location, named: p.named, signAt, withdrawAt: p.withdrawAfterMinutes === null ? null : signAt + p.withdrawAfterMinutes * 60_000 };
  });
const world = fc.array(person, { minLength: 1, maxLength: 45 }).map((ps) => ps.map((p, i): Person => ({ ...p, name: `P${i}` })));
// Moments the adversary looks: three times a day for a week.
const MOMENTS = Array.from({ length: 8 }, (_, d) => [1, 13, 23].map((h) => T0 + d * DAY + h * HOUR)).flat();

const present = (p: Person, t: number) => p.signAt <= t && (p.withdrawAt === null || p.withdrawAt > t);
const toRow = (p: Person): NamedRow => ({ name: p.name, createdAt: new Date(p.signAt), department: p.department, location: p.location });

type Method = (input: StatsInput, anonymousPeople: Person[]) => Stats;
const newMethod: Method = (input) => computeStats(input);
/** What the dashboard did before: anonymous signers inside the breakdowns and the hourly chart. */
const oldMethod: Method = (input, anon) => computeStats({ ...input, named: [...input.named, ...anon.map(toRow)], anonymous: [] });

function publish(people: Person[], t: number, k: number, method: Method = newMethod) {
  const now = people.filter((p) => present(p, t));
  const named = now.filter((p) => p.named);
  const anon = now.filter((p) => !p.named);
  const input: StatsInput = { named: named.map(toRow), anonymous: anon.map((p) => new Date(p.signAt)), openedAt: new Date(T0), finalAt: null, now: new Date(t), k };
  const stats = method(input, anon);
  return { t, stats, named, csv: aggregatesCsv(stats, k), exportCsv: namedSignaturesCsv(input.named) };
}
type View = ReturnType<typeof publish>;

/** Every cell of both breakdowns as (set of attribute values it covers, count). */
function cells(v: View) {
  const out: { key: string; values: string[]; attr: "department" | "location"; count: number }[] = [];
  for (const [attr, b, all] of [["department", v.stats.byDepartment, DEPARTMENTS], ["location", v.stats.byLocation, LOCATIONS]] as const) {
    const shown = b.groups.map((g) => g.name);
    for (const g of b.groups) out.push({ key: `${attr}:${g.name}`, values: [g.name], attr, count: g.count });
    const rest = all.filter((x) => !shown.includes(x));
    out.push({ key: `${attr}:other:${rest.join("+")}`, values: rest, attr, count: b.other });
    out.push({ key: `${attr}:total`, values: [...all], attr, count: b.total });
  }
  return out;
}

/** What the adversary knows about named signers counted in a cell: the named list and directory. */
function namedKnown(v: View, values: string[], attr: "department" | "location") {
  const asOf = Date.parse(v.stats.breakdownAsOf);
  return v.named.filter((p) => p.signAt < asOf && values.includes(p[attr])).length;
}

type Exposure = { attack: string; detail: string; anonymous: number };

function attacks(views: View[], k: number): Exposure[] {
  const found: Exposure[] = [];
  const small = (x: number) => x !== 0 && Math.abs(x) < k;
  const inferred: Map<string, number>[] = [];
  for (const v of views) {
    const m = new Map<string, number>();
    for (const c of cells(v)) {
      // A suppressed breakdown publishes a total of 0 that is not a count; skip it.
      const b = c.attr === "department" ? v.stats.byDepartment : v.stats.byLocation;
      if (b.suppressed || (b.total === 0 && c.count === 0)) continue;
      // 1. Breakdown cell minus the named signers the export and the list show in it.
      const x = c.count - namedKnown(v, c.values, c.attr);
      m.set(c.key, x);
      if (small(x)) found.push({ attack: "aggregate minus named export", detail: `${new Date(v.t).toISOString()} ${c.key}`, anonymous: x });
    }
    inferred.push(m);
    // 3. Per-hour chart minus the named list's signatures in that hour.
    for (const h of v.stats.hourly) {
      const start = Date.parse(h.hour);
      const known = v.named.filter((p) => p.signAt >= start && p.signAt < start + HOUR).length;
      if (small(h.count - known)) found.push({ attack: "per-hour chart minus named list", detail: `${h.hour}`, anonymous: h.count - known });
    }
    // The per-day chart covers complete days only: nothing of today is published by the day.
    const today = Math.floor(v.t / DAY) * DAY;
    for (const d of v.stats.daily) if (Date.parse(d.day) >= today) found.push({ attack: "incomplete day in the per-day chart", detail: d.day, anonymous: d.count });
  }
  // 2. Any two moments (day over day, before and after a withdrawal): the same cell's change.
  for (let i = 0; i < views.length; i++) {
    for (let j = i + 1; j < views.length; j++) {
      for (const [key, x] of inferred[j]!) {
        const before = inferred[i]!.get(key);
        if (before !== undefined && small(x - before)) {
          found.push({ attack: "difference between two moments", detail: `${new Date(views[i]!.t).toISOString()} → ${new Date(views[j]!.t).toISOString()} ${key}`, anonymous: x - before });
        }
      }
    }
  }
  return found;
}

describe("statistics cannot be subtracted", () => {
  it("property: no attack on any sequence of days, withdrawals included, narrows anonymous signers below k", () => {
    fc.assert(
      fc.property(world, fc.integer({ min: 2, max: 6 }), (people, k) => {
        const views = MOMENTS.map((t) => publish(people, t, k));
        expect(attacks(views, k)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it("property: anonymous signers' departments and locations change nothing published", () => {
    fc.assert(
      fc.property(world, fc.integer({ min: 2, max: 6 }), fc.integer(), (people, k, seed) => {
        // The same world with every anonymous signer's attributes replaced.
        const other = people.map((p, i) => (p.named ? p : { ...p, department: DEPARTMENTS[Math.abs(seed + i) % 4]!, location: LOCATIONS[Math.abs(seed * 7 + i) % 3]! }));
        for (const t of MOMENTS) {
          const [a, b] = [publish(people, t, k), publish(other, t, k)];
          expect([b.stats, b.csv, b.exportCsv]).toEqual([a.stats, a.csv, a.exportCsv]);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("property: when in its day an anonymous signature was made changes nothing published once the day is over", () => {
    fc.assert(
      fc.property(world, fc.integer({ min: 2, max: 6 }), fc.integer({ min: 0, max: 24 * 60 - 1 }), (people, k, minute) => {
        // Move each anonymous signature to another minute of the same day (still before its withdrawal).
        const moved = people.map((p) => {
          const signAt = Math.floor(p.signAt / DAY) * DAY + minute * 60_000;
          return p.named || (p.withdrawAt !== null && signAt >= p.withdrawAt) ? p : { ...p, signAt };
        });
        // Compared at the end of each day, once every signature of the day is in.
        for (let d = 0; d < 8; d++) {
          const t = T0 + (d + 1) * DAY - 1;
          expect(publish(moved, t, k).stats).toEqual(publish(people, t, k).stats);
        }
      }),
      { numRuns: 100 },
    );
  });

  describe("the attacks find what the issue measured in the old method", () => {
    const k = 5;
    const at = (day: number, hour: number, minute = 0) => T0 + day * DAY + hour * HOUR + minute * 60_000;
    const crowd = (n: number, p: Partial<Person>): Person[] =>
      Array.from({ length: n }, (_, i) => ({ name: `${p.department}-${p.location}-${p.named}-${i}-${p.signAt}`, department: "Sales", location: "Lisbon", named: true, signAt: at(0, 9), withdrawAt: null, ...p }));

    it("aggregate CSV minus named export: Operations 8 − 4 = 4", () => {
      const people = [...crowd(4, { department: "Operations", named: true }), ...crowd(4, { department: "Operations", named: false }), ...crowd(10, { department: "Sales" })];
      const views = [publish(people, at(2, 10), k, oldMethod)];
      expect(attacks(views, k)).toContainEqual(expect.objectContaining({ attack: "aggregate minus named export", detail: expect.stringContaining("department:Operations"), anonymous: 4 }));
      expect(attacks([publish(people, at(2, 10), k)], k)).toEqual([]);
    });

    it("day over day and per hour: one anonymous signer from Finance in Dublin at 14:xx", () => {
      const base = [...crowd(6, { department: "Finance", location: "Dublin" }), ...crowd(6, { department: "Sales", location: "Berlin" })];
      const people = [...base, { name: "Tomás", department: "Finance", location: "Dublin", named: false, signAt: at(1, 14, 7), withdrawAt: null }];
      const views = [publish(people, at(1, 8), k, oldMethod), publish(people, at(1, 15), k, oldMethod), publish(people, at(2, 8), k, oldMethod)];
      const found = attacks(views, k);
      expect(found).toContainEqual(expect.objectContaining({ attack: "difference between two moments", detail: expect.stringContaining("department:Finance"), anonymous: 1 }));
      expect(found).toContainEqual(expect.objectContaining({ attack: "difference between two moments", detail: expect.stringContaining("location:Dublin"), anonymous: 1 }));
      expect(found).toContainEqual(expect.objectContaining({ attack: "per-hour chart minus named list", detail: expect.stringMatching(/T14:00Z/), anonymous: 1 }));
      expect(attacks([publish(people, at(1, 8), k), publish(people, at(1, 15), k), publish(people, at(2, 8), k)], k)).toEqual([]);
    });

    it("a withdrawal moves a cell while the named list stays the same", () => {
      const people = [...crowd(20, { department: "Finance", location: "Berlin" }), ...crowd(8, { department: "Finance", location: "Berlin", named: false }).map((p, i) => (i === 0 ? { ...p, withdrawAt: at(3, 11) } : p))];
      const views = [publish(people, at(3, 10), k, oldMethod), publish(people, at(4, 10), k, oldMethod)];
      expect(attacks(views, k)).toContainEqual(expect.objectContaining({ attack: "difference between two moments", detail: expect.stringContaining("department:Finance"), anonymous: -1 }));
      expect(attacks([publish(people, at(3, 10), k), publish(people, at(4, 10), k)], k)).toEqual([]);
    });
  });
});
