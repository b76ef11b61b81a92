// The configuration is checked when the server starts (instrumentation.ts, lib/config): a bad
// value or a missing production secret stops the server (`npm start`, server.mjs) with a message naming the variable;
// and the secret is read through the rotation-aware reader, so a server with only AUTH_SECRET_1
// verifies its own unsubscribe links. Runs its own servers on CRASH_PORT (one spec at a time).
import { execFileSync, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { OWN_ORIGIN, OWN_PORT, startOwnServer } from "./support/own-server";

const SECRET = "config-spec-secret-0123456789abcdef0123456789";
const FILE = "test/.tmp/config.db";

test.setTimeout(120_000);

/** Starts the test build with `env` and waits for it to exit; fails if it starts serving instead. */
async function startExpectingRefusal(env: Record<string, string>): Promise<{ code: number | null; log: string }> {
  const server = spawn(process.execPath, ["server.mjs", "-p", String(OWN_PORT), "-H", "127.0.0.1"], {
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
    env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: ".next-test", NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: `file:./${FILE}`, UNDERSIGNED_SCHEDULER: "off", ...env },
  });
  let log = "";
  server.stdout!.on("data", (c: Buffer) => (log += c.toString()));
  server.stderr!.on("data", (c: Buffer) => (log += c.toString()));
  const exited = new Promise<number | null>((resolve) => server.on("exit", (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  let answered = false;
  while (server.exitCode === null && Date.now() < deadline) {
    try {
      await fetch(`${OWN_ORIGIN}/api/petitions`);
      answered = true;
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  if (server.exitCode === null) {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  }
  const code = await exited;
  expect(answered, `the server answered requests instead of refusing to start:\n${log}`).toBe(false);
  return { code, log };
}

test("a bad value stops the start with a message naming each variable and what it accepts", async () => {
  const { code, log } = await startExpectingRefusal({ AUTH_SECRET: SECRET, UNDERSIGNED_SCHEDULER_MS: "30s", DIGEST_HOUR_UTC: "7am" });
  expect(code).not.toBe(0);
  expect(log).toContain('UNDERSIGNED_SCHEDULER_MS="30s" is not accepted: expected a whole number of milliseconds from 100 to 3600000');
  expect(log).toContain('DIGEST_HOUR_UTC="7am" is not accepted: expected a whole hour from 0 to 23');
  expect(log).toContain("The server did not start.");
});

test("production without any auth secret does not start, and says what to set", async () => {
  const { code, log } = await startExpectingRefusal({ AUTH_SECRET: "", AUTH_SECRET_1: "" });
  expect(code).not.toBe(0);
  expect(log).toContain("AUTH_SECRET is required in production");
});

test("with only AUTH_SECRET_1 set, the one-click unsubscribe link verifies (and a forged one does not)", async () => {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(FILE + suffix, { force: true });
  const tsx = (...args: string[]) =>
    JSON.parse(execFileSync(process.execPath, ["--import", "tsx", "test/e2e/support/config-db.ts", ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }));
  const { userId, token, forged } = tsx("prepare", `file:./${FILE}`, SECRET) as { userId: string; token: string; forged: string };
  const server = await startOwnServer(`file:./${FILE}`, "", { AUTH_SECRET_1: SECRET });
  try {
    const refused = await fetch(`${server.origin}/api/unsubscribe?token=${encodeURIComponent(forged)}`, { method: "POST" });
    expect(refused.status).toBe(400);
    expect(tsx("mode", `file:./${FILE}`, userId)).toEqual({ emailMode: "instant" });
    const accepted = await fetch(`${server.origin}/api/unsubscribe?token=${encodeURIComponent(token)}`, { method: "POST" });
    expect(accepted.status).toBe(200);
    expect(tsx("mode", `file:./${FILE}`, userId)).toEqual({ emailMode: "off" });
  } finally {
    server.stop();
  }
});
