import path from "node:path";
import { defineConfig } from "vitest/config";

// Three projects: unit tests once, and the integration suite twice, on SQLite and on PostgreSQL
// (docs/decisions/014). The PostgreSQL project starts a throwaway cluster unless TEST_POSTGRES_URL
// names a server to use; UNDERSIGNED_TEST_POSTGRES=off leaves it out (CI never does).
const withPostgres = process.env.UNDERSIGNED_TEST_POSTGRES !== "off";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // Domain code is plain TypeScript; the server-only guard is for Next.js bundles.
      "server-only": path.resolve(__dirname, "test/setup/empty.ts"),
    },
  },
  test: {
    setupFiles: ["test/setup/fail-on-console-error.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts", "lib/**/*.test.ts"] } },
      { extends: true, test: { name: "sqlite", include: ["test/integration/**/*.test.ts"], globalSetup: ["test/setup/global.ts"] } },
      // After the others, so the two runs do not compete for the machine's cores.
      ...(withPostgres
        ? [{ extends: true as const, test: { name: "postgres", include: ["test/integration/**/*.test.ts"], globalSetup: ["test/setup/postgres.ts"], sequence: { groupOrder: 1 } } }]
        : []),
    ],
  },
});
