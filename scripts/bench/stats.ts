// Small, pure helpers for the benchmark: percentiles, the result shapes and the printed table.
// Kept free of I/O so test/unit/bench.test.ts can check them.

/** The p-th percentile (0–100) by nearest rank; NaN for no samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export type Latency = { p50: number; p99: number; max: number };

export function latencyOf(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
}

/** One row of the report: a scenario's load, what it achieved and whether it met its target. */
export type ScenarioResult = {
  name: string;
  group: "signing" | "reading" | "mix" | "live" | "baseline" | "scale" | "policy";
  server: string;
  connections: number;
  requests: number;
  durationSeconds: number;
  /** Successful responses per second. */
  throughput: number;
  latencyMs: Latency;
  errors: number;
  /** Throughput as a share of the same server's static route in the same run (the stack's floor). */
  floorRatio?: number;
  /** Server CPU milliseconds (user + system) per request over the scenario. */
  cpuMsPerRequest?: number;
  target?: { text: string; met: boolean };
  exactness?: Exactness;
  notes?: string[];
};

export type Exactness = {
  acknowledged: number;
  stored: number;
  storedCount: number;
  missing: number;
  duplicates: number;
  unacknowledgedButStored: number;
  ok: boolean;
};

/**
 * Compares what the server acknowledged with what is stored: every acknowledged signer has a row,
 * no signer has two, and the petition's stored count equals the rows. Rows without an
 * acknowledgement can only come from requests that failed in flight, so they are allowed only
 * when the run saw errors.
 */
export function compareExactness(input: {
  acknowledged: readonly string[];
  storedSigners: readonly string[];
  storedCount: number;
  requestErrors: number;
}): Exactness {
  const stored = new Set(input.storedSigners);
  const acknowledged = new Set(input.acknowledged);
  const missing = [...acknowledged].filter((id) => !stored.has(id)).length;
  const duplicates = input.storedSigners.length - stored.size + (input.acknowledged.length - acknowledged.size);
  const unacknowledgedButStored = [...stored].filter((id) => !acknowledged.has(id)).length;
  const ok =
    missing === 0 &&
    duplicates === 0 &&
    input.storedCount === input.storedSigners.length &&
    (unacknowledgedButStored === 0 || input.requestErrors >= unacknowledgedButStored);
  return {
    acknowledged: acknowledged.size,
    stored: input.storedSigners.length,
    storedCount: input.storedCount,
    missing,
    duplicates,
    unacknowledgedButStored,
    ok,
  };
}

const num = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits }) : "–");

/** A Markdown table, readable in a terminal and pasteable into docs/benchmarks.md. */
export function formatTable(results: readonly ScenarioResult[]): string {
  const header = ["Scenario", "Server", "Conns", "Requests", "Req/s", "× floor", "CPU ms/req", "p50 ms", "p99 ms", "max ms", "Errors", "Exact", "Target"];
  const rows = results.map((r) => [
    r.name,
    r.server,
    num(r.connections),
    num(r.requests),
    num(r.throughput),
    r.floorRatio === undefined ? "" : num(r.floorRatio, 2),
    r.cpuMsPerRequest === undefined ? "" : num(r.cpuMsPerRequest, 2),
    num(r.latencyMs.p50, 1),
    num(r.latencyMs.p99, 1),
    num(r.latencyMs.max, 1),
    num(r.errors),
    r.exactness ? (r.exactness.ok ? "yes" : "NO") : "",
    r.target ? `${r.target.met ? "met" : "MISSED"}: ${r.target.text}` : "",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

/** A read scenario's place against the floor: its ratio, and whether it reached the wanted share. */
export function floorTarget(throughput: number, floorThroughput: number, wanted: number, errors: number): { floorRatio: number; target: { text: string; met: boolean } } {
  const floorRatio = floorThroughput > 0 ? throughput / floorThroughput : Number.NaN;
  return { floorRatio, target: { text: `≥ ${wanted} × floor, 0 errors`, met: floorRatio >= wanted && errors === 0 } };
}
