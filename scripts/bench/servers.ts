// Starting and stopping the servers under test: Undersigned's production build (`node server.mjs`, as `npm start`)
// and the baseline. Each runs in its own process; the load comes from the benchmark's process.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, readFileSync, readdirSync } from "node:fs";
import { childEnv, toolsConfig } from "@/lib/config";

export type Server = { name: string; origin: string; process: ChildProcess; logs: string[] };

/** A process that has ended, by exiting or by a signal (then `exitCode` stays null). */
const ended = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

async function waitFor(url: string, child: ChildProcess, logs: string[], timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (ended(child)) throw new Error(`The server exited with ${child.exitCode ?? child.signalCode}:\n${logs.join("").slice(-2000)}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The server did not answer ${url} within ${timeoutMs / 1000} s:\n${logs.join("").slice(-2000)}`);
}

function keepLogs(child: ChildProcess): string[] {
  const logs: string[] = [];
  // BENCH_SERVER_LOG=FILE keeps everything the servers print, say with BENCH_SERVER_NODE_ARGS=--trace-gc.
  const file = toolsConfig().BENCH_SERVER_LOG;
  const keep = (chunk: Buffer) => {
    logs.push(chunk.toString());
    if (logs.length > 200) logs.shift();
    if (file) appendFileSync(file, chunk);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return logs;
}

/** The production server (server.mjs) on the given dist directory and database, as production runs it. */
export async function startApp(opts: { port: number; distDir: string; databaseUrl: string; secret: string; env?: Record<string, string> }): Promise<Server> {
  const origin = `http://127.0.0.1:${opts.port}`;
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" profiles the server under load.
  const nodeArgs = toolsConfig().BENCH_SERVER_NODE_ARGS.split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, "server.mjs", "-p", String(opts.port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: childEnv({
      NODE_ENV: "production",
      NEXT_DIST_DIR: opts.distDir,
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: opts.databaseUrl,
      AUTH_SECRET: opts.secret,
      AUTH_TRUST_HOST: "true",
      AUTH_URL: origin,
      ...opts.env,
    }),
  });
  const logs = keepLogs(child);
  const server = { name: "undersigned", origin, process: child, logs };
  try {
    await waitFor(`${origin}/api/petitions?limit=1`, child, logs);
  } catch (error) {
    // A server that never answered is not left holding the port for the next run.
    await stop(server);
    throw error;
  }
  return server;
}

export async function startBaseline(opts: { port: number; file: string }): Promise<Server> {
  const origin = `http://127.0.0.1:${opts.port}`;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/bench/baseline-server.ts", String(opts.port), opts.file], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs = keepLogs(child);
  const server = { name: "baseline", origin, process: child, logs };
  try {
    await waitFor(`${origin}/`, child, logs, 30_000);
  } catch (error) {
    await stop(server);
    throw error;
  }
  return server;
}

/**
 * Runs `work` but fails at once if the server exits first, with the end of its log, instead of
 * leaving the load generator (or the viewers' process) waiting for answers that cannot come.
 */
export async function whileServerRuns<T>(server: Server, work: Promise<T>): Promise<T> {
  let onExit: (() => void) | undefined;
  const exited = new Promise<never>((_, reject) => {
    onExit = () => reject(new Error(`The server under test exited (${server.process.exitCode ?? server.process.signalCode}) during the scenario:\n${server.logs.join("").slice(-2000)}`));
    if (ended(server.process)) onExit();
    else server.process.once("exit", onExit);
  });
  try {
    return await Promise.race([work, exited]);
  } finally {
    server.process.off("exit", onExit!);
  }
}

export async function stop(server: Server): Promise<void> {
  if (ended(server.process)) return;
  const exited = new Promise((r) => server.process.once("exit", r));
  server.process.kill("SIGTERM");
  const timer = setTimeout(() => server.process.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** A process and its descendants (Linux /proc), the process first. */
function processTree(pid: number): number[] {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    try {
      for (const task of readdirSync(`/proc/${pids[i]}/task`)) {
        const children = readFileSync(`/proc/${pids[i]}/task/${task}/children`, "utf8").trim();
        if (children) pids.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // the process is gone
    }
  }
  return pids;
}

/** Resident memory of a process and its children, in MiB (Linux /proc). */
export function residentMiB(pid: number): number {
  const pids = processTree(pid);
  let kib = 0;
  for (const p of pids) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      if (match) kib += Number(match[1]);
    } catch {
      // gone
    }
  }
  return kib / 1024;
}

let ticksPerSecond: number | null = null;

/**
 * CPU time (user + system) a process and its children have used so far, in milliseconds, from
 * /proc/PID/stat. Differences over a scenario divided by its requests give CPU per request, which
 * is steadier than throughput on a machine that the load generator shares (issue 15).
 */
export function cpuMillis(pid: number): number {
  ticksPerSecond ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  let ticks = 0;
  for (const p of processTree(pid)) {
    try {
      // Fields after the command name (which may hold spaces) start at the last ")".
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    } catch {
      // gone
    }
  }
  return (ticks / ticksPerSecond) * 1000;
}
