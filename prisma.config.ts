// Prisma CLI configuration. The JavaScript schema engine and a driver adapter let `prisma
// generate` and `prisma migrate deploy` run without downloading the Rust engines, which these
// offline machines cannot fetch (docs/decisions/002).
//
// DATABASE_URL picks the database (docs/decisions/014): a `file:` URL is SQLite
// (prisma/schema.prisma, prisma/migrations), a `postgresql://` URL is PostgreSQL (the generated
// prisma/postgres/schema.prisma and prisma/postgres/migrations).
import path from "node:path";
import { defineConfig } from "prisma/config";

// The schema keeps `url = env("DATABASE_URL")` (Prisma 6.19 otherwise tries to download a
// query engine), so the variable must exist even when the default is used.
const url = (process.env.DATABASE_URL ??= "file:./data/undersigned.db");
const postgres = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? path.join("prisma", "postgres", "schema.prisma") : path.join("prisma", "schema.prisma"),
  migrations: { path: postgres ? path.join("prisma", "postgres", "migrations") : path.join("prisma", "migrations") },
  adapter: async () => {
    if (postgres) {
      const { migrationAdapter } = await import("./lib/db/pg-pool");
      return migrationAdapter(url);
    }
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSQLite3({ url });
  },
});
