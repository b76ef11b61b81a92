// Breakdowns that never expose a group smaller than k, alone or by subtraction.
//
// Every number a breakdown publishes (each group, "other", and the total) is either 0 or at least
// k. Groups below k are folded into "other"; if "other" is then between 1 and k - 1, the smallest
// shown groups are folded too until it reaches k (or everything is folded). Because every
// published number is 0 or ≥ k, so is any sum of them and the total minus any sum of them: no
// combination of one breakdown's numbers isolates fewer than k people. A whole breakdown smaller
// than k publishes nothing but a total of 0 shown as "fewer than k".

export type Breakdown = {
  groups: { name: string; count: number }[];
  /** People in groups too small to show, together; 0 or at least k. */
  other: number;
  /** Everyone counted; 0 when fewer than k. */
  total: number;
  /** True when the whole population was below k and nothing is shown. */
  suppressed: boolean;
};

export function kAnonymousBreakdown(counts: Map<string, number> | Record<string, number>, k: number): Breakdown {
  const entries = (counts instanceof Map ? [...counts.entries()] : Object.entries(counts)).filter(([, n]) => n > 0);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  if (total < k) return { groups: [], other: 0, total: 0, suppressed: total > 0 };
  // Largest first; ties by name so the result does not depend on input order.
  const sorted = entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  let shown = sorted.filter(([, n]) => n >= k);
  let other = total - shown.reduce((sum, [, n]) => sum + n, 0);
  while (other > 0 && other < k && shown.length > 0) {
    const smallest = shown[shown.length - 1]!;
    shown = shown.slice(0, -1);
    other += smallest[1];
  }
  return { groups: shown.map(([name, count]) => ({ name, count })), other, total, suppressed: false };
}
