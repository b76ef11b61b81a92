// Starts the production build for the end-to-end tests on a fresh, seeded database.
// Playwright runs it (playwright.config.ts, webServer) after `npm run test:e2e` has built.
import { spawn } from "node:child_process";
import { prepareDatabase } from "./prepare-db";

const port = process.env.E2E_PORT ?? "3100";
const url = process.env.DATABASE_URL ?? "file:./test/.tmp/e2e.db";

async function main() {
  await prepareDatabase(url, { seed: true });
  const server = spawn("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url },
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
