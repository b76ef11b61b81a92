// The benchmark's own arithmetic: a wrong percentile or a lenient exactness check would make
// every number it reports meaningless.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseBenchArgs } from "@/scripts/bench/args";
import { signatureCounts, SMALL } from "@/scripts/bench/seed-scale";
import { cpuMillis, stop, whileServerRuns, type Server } from "@/scripts/bench/servers";
import { compareExactness, floorTarget, formatTable, latencyOf, percentile } from "@/scripts/bench/stats";

describe("benchmark statistics", () => {
  it("takes nearest-rank percentiles", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
    expect(latencyOf([5, 1, 3])).toEqual({ p50: 3, p99: 5, max: 5 });
  });

  it("passes exactness only when every acknowledged signer is stored once and the count equals the rows", () => {
    const base = { acknowledged: ["a", "b"], storedSigners: ["a", "b"], storedCount: 2, requestErrors: 0 };
    expect(compareExactness(base).ok).toBe(true);
    expect(compareExactness({ ...base, storedSigners: ["a"], storedCount: 1 })).toMatchObject({ ok: false, missing: 1 });
    expect(compareExactness({ ...base, storedCount: 3 }).ok).toBe(false);
    expect(compareExactness({ ...base, storedSigners: ["a", "b", "b"], storedCount: 3 })).toMatchObject({ ok: false, duplicates: 1 });
    // A stored signature nobody was told about is fine only if a request failed in flight.
    expect(compareExactness({ ...base, storedSigners: ["a", "b", "c"], storedCount: 3 }).ok).toBe(false);
    expect(compareExactness({ ...base, storedSigners: ["a", "b", "c"], storedCount: 3, requestErrors: 1 }).ok).toBe(true);
  });

  it("prints a Markdown table with a row per scenario", () => {
    const table = formatTable([
      { name: "Sign", group: "signing", server: "undersigned", connections: 200, requests: 1000, durationSeconds: 1, throughput: 1000, latencyMs: { p50: 1, p99: 2, max: 3 }, errors: 0, target: { text: "≥ 1,500/s", met: false } },
    ]);
    expect(table.split("\n")).toHaveLength(3);
    expect(table).toContain("MISSED: ≥ 1,500/s");
  });

  it("reports reads as a share of the floor and CPU per request", () => {
    expect(floorTarget(1000, 2000, 0.5, 0)).toEqual({ floorRatio: 0.5, target: { text: "≥ 0.5 × floor, 0 errors", met: true } });
    expect(floorTarget(999, 2000, 0.5, 0).target.met).toBe(false);
    expect(floorTarget(1500, 2000, 0.5, 3).target.met).toBe(false);
    expect(floorTarget(10, 0, 0.5, 0).floorRatio).toBeNaN();
    const table = formatTable([
      { name: "Read", group: "reading", server: "undersigned", connections: 50, requests: 100, durationSeconds: 1, throughput: 100, latencyMs: { p50: 1, p99: 2, max: 3 }, errors: 0, floorRatio: 0.123, cpuMsPerRequest: 4.567 },
    ]);
    expect(table).toContain("× floor");
    expect(table).toContain("0.12");
    expect(table).toContain("4.57");
  });

  it("reads a process's CPU time from /proc, and it grows with work", () => {
    const before = cpuMillis(process.pid);
    let x = 0;
    const until = process.cpuUsage();
    while (process.cpuUsage(until).user < 60_000) x += Math.sqrt(x + 1);
    expect(x).toBeGreaterThan(0);
    expect(cpuMillis(process.pid) - before).toBeGreaterThanOrEqual(40);
  });

  it("fails a scenario at once when the server under test is killed, and stopping it then returns", async () => {
    // A stand-in server: a process that would run for a minute.
    const child = spawn(process.execPath, ["-e", "console.log('listening'); setTimeout(() => {}, 60_000)"], { stdio: ["ignore", "pipe", "pipe"] });
    const server: Server = { name: "stand-in", origin: "http://127.0.0.1:1", process: child, logs: [] };
    child.stdout.on("data", (chunk: Buffer) => server.logs.push(chunk.toString()));
    await new Promise((resolve) => child.stdout.once("data", resolve));
    const never = new Promise<string>(() => {});
    const started = Date.now();
    setTimeout(() => child.kill("SIGKILL"), 50);
    await expect(whileServerRuns(server, never)).rejects.toThrow(/exited \(SIGKILL\) during the scenario:\nlistening/);
    expect(Date.now() - started).toBeLessThan(5_000);
    // Killed by a signal, its exit code stays null: stop() must still see that it has ended.
    await stop(server);
    // And work that finishes first is passed through.
    const alive = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60_000)"], { stdio: "ignore" });
    const running: Server = { name: "stand-in", origin: "http://127.0.0.1:1", process: alive, logs: [] };
    await expect(whileServerRuns(running, Promise.resolve("done"))).resolves.toBe("done");
    expect(alive.listenerCount("exit")).toBe(0);
    await stop(running);
    expect(alive.signalCode).toBe("SIGTERM");
  });

  it("parses options and refuses unknown ones with a usable message", () => {
    expect(parseBenchArgs(["--quick", "--only", "signing,live"])).toMatchObject({ quick: true, db: "sqlite", only: new Set(["signing", "live"]) });
    expect(() => parseBenchArgs(["--db", "mysql"])).toThrow(/sqlite or postgres/);
    expect(() => parseBenchArgs(["--only", "everything"])).toThrow(/unknown: everything/);
    expect(() => parseBenchArgs(["--fast"])).toThrow(/Unknown option --fast/);
  });

  it("seeds exactly the requested number of signatures, never more per petition than there are people", () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const counts = signatureCounts(SMALL, random);
    expect(counts).toHaveLength(SMALL.petitions);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(SMALL.signatures);
    expect(Math.max(...counts)).toBeLessThanOrEqual(SMALL.users);
  });
});

describe("openConnectionsNote", () => {
  it("gives the latencies of requests on connections already open, or says there were none", async () => {
    const { openConnectionsNote } = await import("@/scripts/bench/load");
    expect(openConnectionsNote({ openConnectionsLatencyMs: latencyOf([10.4, 20, 30, 400.6]) })).toBe(
      "on connections already open (each one's first request left out): p50 20 ms, p99 401 ms, max 401 ms",
    );
    expect(openConnectionsNote({ openConnectionsLatencyMs: latencyOf([]) })).toMatch(/^no connection made a second request/);
  });
});

describe("runLoad", () => {
  it("times a run of a fixed number of requests from its start to its last answer, not to autocannon's next whole second", async () => {
    const { createServer } = await import("node:http");
    const { runLoad } = await import("@/scripts/bench/load");
    // Each answer 5 ms after its request: 100 requests over 10 connections take about 50 ms.
    const server = createServer((_req, res) => void setTimeout(() => res.end("ok"), 5));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as import("node:net").AddressInfo;
      const { result, seconds } = await runLoad({ url: `http://127.0.0.1:${port}`, connections: 10, amount: 100 });
      expect(result["2xx"]).toBe(100);
      // autocannon's own figure is rounded up to the next whole second.
      expect(result.duration).toBeGreaterThanOrEqual(1);
      expect(seconds).toBeGreaterThanOrEqual(0.05);
      expect(seconds).toBeLessThan(result.duration);
    } finally {
      server.close();
    }
  });
});
