import { defineConfig, devices } from "@playwright/test";
import { execSync } from "node:child_process";
import { ignoredSpecs } from "./test/e2e/support/engine-specs";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const OIDC_PORT = Number(process.env.OIDC_PORT ?? 3199);
const SMTP_PORT = Number(process.env.SMTP_PORT ?? 3125);
// "localhost", not 127.0.0.1: Next.js reports 127.x request URLs as localhost, and the OIDC
// redirect_uri built by next-auth must match the address the browser uses.
const baseURL = `http://localhost:${PORT}`;

/** Debian's Chromium (ENVIRONMENT.md): Playwright's own browser download does not work here. */
function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execSync("command -v chromium || command -v chromium-browser", { encoding: "utf8" }).trim().split("\n")[0]!;
  } catch {
    throw new Error("Chromium was not found. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.");
  }
}

// scripts/e2e.ts says which database this run is on; the PostgreSQL run leaves out the specs
// whose result cannot depend on it (test/e2e/support/engine-specs.ts, docs/decisions/033).
const engine = process.env.E2E_ENGINE === "postgres" ? "postgres" : "sqlite";
const postgresSuite = process.env.E2E_POSTGRES_SUITE === "full" ? "full" : "engine";

export default defineConfig({
  testDir: "test/e2e",
  testIgnore: ignoredSpecs(engine, postgresSuite),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["./test/e2e/support/failure-list-reporter.ts"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        "--disable-gpu",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: [
    {
      command: "node --import tsx test/e2e/support/oidc-server.ts",
      url: `http://127.0.0.1:${OIDC_PORT}/.well-known/openid-configuration`,
      env: { OIDC_PORT: String(OIDC_PORT), APP_ORIGIN: baseURL },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: "node --import tsx test/e2e/support/smtp-server.ts",
      port: SMTP_PORT,
      env: { SMTP_PORT: String(SMTP_PORT) },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: "node --import tsx scripts/e2e-server.ts",
      url: `http://127.0.0.1:${PORT}/api/petitions`,
      reuseExistingServer: false,
      timeout: 180_000,
      env: {
        E2E_PORT: String(PORT),
        NEXT_DIST_DIR: ".next-test",
        NEXT_TELEMETRY_DISABLED: "1",
        // scripts/e2e.ts runs the suite on SQLite and again on PostgreSQL.
        DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./test/.tmp/e2e.db",
        AUTH_SECRET: "e2e-secret-not-for-production-0123456789abcdef",
        AUTH_TRUST_HOST: "true",
        AUTH_DEV_LOGIN: "true",
        AUTH_OIDC_ISSUER: `http://127.0.0.1:${OIDC_PORT}`,
        AUTH_OIDC_CLIENT_ID: "undersigned-e2e",
        AUTH_OIDC_CLIENT_SECRET: "undersigned-e2e-secret-with-enough-length",
        AUTH_OIDC_NAME: "Example Corp SSO",
        AUTH_OIDC_LEADERSHIP_GROUPS: "undersigned-leadership",
        AUTH_OIDC_MODERATOR_GROUPS: "undersigned-moderators",
        AUTH_OIDC_ADMIN_GROUPS: "undersigned-admins",
        AUTH_URL: baseURL,
        SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
        MAIL_FROM: "Undersigned <noreply@example.com>",
        // Fast background work, so mail and missed commitments show up within a test.
        UNDERSIGNED_SCHEDULER_MS: "1000",
        UNDERSIGNED_LIVE_TICK_MS: "300",
        // Comment batches every 2 seconds instead of 5 minutes, so a comment appears within a test.
        UNDERSIGNED_COMMENT_BATCH_SECONDS: "2",
        // Anonymous signatures likewise, with no hold for a crowd of k (decision 018).
        UNDERSIGNED_SIGNATURE_BATCH_SECONDS: "2",
        UNDERSIGNED_SIGNATURE_BATCH_HOLD_SECONDS: "0",
      },
    },
  ],
});
