// The end-to-end server's process id, kept in a file so scripts/e2e.ts can make sure no server
// of a finished run still holds the port when the next run (the other database) starts. A Next
// server waits for its open connections before it exits on SIGTERM, and a live stream a test left
// open kept one alive after Playwright stopped the suite, so the PostgreSQL run found the port taken.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";

export const E2E_SERVER_PID_FILE = "test/.tmp/e2e-server.pid";

export function rememberServer(pid: number) {
  writeFileSync(E2E_SERVER_PID_FILE, String(pid));
}

/** Ends the server a run left behind, if one is still running; true when there was one. */
export function stopLeftoverServer(): boolean {
  if (!existsSync(E2E_SERVER_PID_FILE)) return false;
  const pid = Number(readFileSync(E2E_SERVER_PID_FILE, "utf8"));
  rmSync(E2E_SERVER_PID_FILE, { force: true });
  if (!Number.isInteger(pid) || pid <= 0) return false;
  // Only if that process is still a Next server (a finished server's id may have been reused).
  let command = "";
  try {
    command = readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return false;
  }
  if (!command.includes("next")) return false;
  try {
    process.kill(pid, "SIGKILL");
    return true;
  } catch {
    return false; // already gone
  }
}
