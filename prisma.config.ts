// Prisma CLI configuration. The JavaScript schema engine and the better-sqlite3 driver
// adapter let `prisma generate` and `prisma migrate deploy` run without downloading the
// Rust engines, which these offline machines cannot fetch (docs/decisions/002).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// The schema keeps `url = env("DATABASE_URL")` (Prisma 6.19 otherwise tries to download a
// query engine), so the variable must exist even when the default is used.
const url = (process.env.DATABASE_URL ??= "file:./data/undersigned.db");

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => new PrismaBetterSQLite3({ url }),
});
