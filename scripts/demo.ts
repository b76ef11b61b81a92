// `npm run demo`: builds the app, creates a fresh database with the demo story (SQLite by default,
// or the PostgreSQL database a postgresql:// DATABASE_URL names, which it empties first) and
// serves the production build on http://127.0.0.1:3000 (PORT overrides).
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { childEnv, toolsConfig } from "@/lib/config";
import { prepareDatabase } from "./prepare-db";

const tools = toolsConfig();
const port = String(tools.PORT ?? 3000);
const url = tools.DATABASE_URL ?? "file:./data/demo.db";

async function main() {
  console.log("Building the production app…");
  execFileSync("npm", ["run", "build"], { stdio: "inherit" });
  // Never print a password that is part of a PostgreSQL URL.
  console.log(`Creating a fresh demo database at ${url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@")}…`);
  const summary = await prepareDatabase(url, { seed: true });
  if (summary) console.log(`Seeded ${summary.users} people, ${summary.petitions} petitions, ${summary.signatures} signatures.`);
  const env = childEnv(
    { NODE_ENV: "production", DATABASE_URL: url, PORT: port },
    // The demo signs in as its personas; a production deployment leaves this off.
    { AUTH_DEV_LOGIN: "true", AUTH_TRUST_HOST: "true", AUTH_SECRET: randomBytes(32).toString("base64url") },
  );
  console.log(`Undersigned demo: http://127.0.0.1:${port}  (sign in at /signin as any persona)`);
  const server = spawn(process.execPath, ["server.mjs", "-p", port, "-H", tools.HOST], { stdio: "inherit", env });
  const stop = () => server.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  console.error("The demo could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
