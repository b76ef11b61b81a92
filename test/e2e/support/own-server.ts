// A production server of the test build on a database of the spec's own, for specs that need
// settings the shared server must not have (no background jobs, raised rate limits) or data
// nobody else should see. It listens on CRASH_PORT: the suite runs one spec at a time, and that
// port is already set aside per checkout for exactly this (the crash test uses it the same way).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";

export const OWN_PORT = Number(process.env.CRASH_PORT ?? 3300);
export const OWN_ORIGIN = `http://127.0.0.1:${OWN_PORT}`;

/** Runs a command of test/e2e/support/own-db.ts (the app's modules load under tsx, not here). */
export function ownDb<T>(...args: string[]): T {
  const out = execFileSync(process.execPath, ["--import", "tsx", "test/e2e/support/own-db.ts", ...args], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return JSON.parse(out) as T;
}

export type OwnServer = { origin: string; stop: () => void; log: () => string };

export async function startOwnServer(dbUrl: string, secret: string, env: Record<string, string> = {}): Promise<OwnServer> {
  const server: ChildProcess = spawn(process.execPath, ["server.mjs", "-p", String(OWN_PORT), "-H", "127.0.0.1"], {
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: ".next-test",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: dbUrl,
      AUTH_SECRET: secret,
      AUTH_TRUST_HOST: "true",
      AUTH_URL: OWN_ORIGIN,
      UNDERSIGNED_SCHEDULER: "off",
      ...env,
    },
  });
  let log = "";
  server.stdout!.on("data", (c: Buffer) => (log += c.toString()));
  server.stderr!.on("data", (c: Buffer) => (log += c.toString()));
  const stop = () => {
    try {
      // The whole process group: the server and its workers.
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  };
  for (let i = 0; i < 300; i++) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}):\n${log}`);
    try {
      if ((await fetch(`${OWN_ORIGIN}/api/petitions`)).ok) return { origin: OWN_ORIGIN, stop, log: () => log };
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`the server did not start:\n${log}`);
}
