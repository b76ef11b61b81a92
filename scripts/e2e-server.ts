// Starts the production build for the end-to-end tests on a fresh, seeded database.
// Playwright runs it (playwright.config.ts, webServer) after `npm run test:e2e` has built.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { childEnv, toolsConfig } from "@/lib/config";
import { prepareDatabase } from "./prepare-db";

const tools = toolsConfig();
const port = String(tools.E2E_PORT);
const url = tools.DATABASE_URL ?? "file:./test/.tmp/e2e.db";

async function main() {
  await prepareDatabase(url, { seed: true });
  const server = spawn("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: childEnv({ NODE_ENV: "production", DATABASE_URL: url }),
  });
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
  const stop = () => server.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  console.error("The end-to-end server could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
