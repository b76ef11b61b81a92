// Starts the production build for the end-to-end tests on a fresh, seeded database.
// Playwright runs it (playwright.config.ts, webServer) after `npm run test:e2e` has built.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { childEnv, toolsConfig } from "@/lib/config";
import { rememberServer } from "./e2e-leftover";
import { prepareDatabase } from "./prepare-db";

const tools = toolsConfig();
const port = String(tools.E2E_PORT);
const url = tools.DATABASE_URL ?? "file:./test/.tmp/e2e.db";

async function main() {
  await prepareDatabase(url, { seed: true });
  // The server itself (server.mjs), not through npx, so the process id is the server's (scripts/e2e-leftover.ts).
  const server = spawn(process.execPath, ["server.mjs", "-p", port, "-H", "127.0.0.1"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: childEnv({ NODE_ENV: "production", DATABASE_URL: url }),
  });
  if (server.pid) rememberServer(server.pid);
  // Everything the server prints is kept, so a test can check that logs hold no personal data.
  const log = createWriteStream(tools.E2E_SERVER_LOG);
  server.stdout.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    log.write(chunk);
  });
  server.stderr.on("data", (chunk: Buffer) => {
    process.stderr.write(chunk);
    log.write(chunk);
  });
  // A Next server waits for open connections (a live stream) before it exits; the suite is over,
  // so it gets two seconds.
  const stop = () => {
    server.kill("SIGTERM");
    setTimeout(() => server.kill("SIGKILL"), 2000).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  console.error("The end-to-end server could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
