// Creates a Prisma client over SQLite through the better-sqlite3 driver adapter.
// Shared by the server, scripts, tests and benchmarks; the app's singleton is in ./server.ts.
import { PrismaClient } from "@/lib/generated/prisma/client";
import { GatedSQLite } from "./sqlite-adapter";

export type Db = PrismaClient;

export const DEFAULT_DATABASE_URL = "file:./data/undersigned.db";

/**
 * Durability and concurrency settings applied to every connection (docs/decisions/003):
 * - WAL lets readers proceed while one writer commits.
 * - synchronous=FULL fsyncs the WAL at every commit, so an acknowledged signature survives a
 *   crash of the process or of the machine.
 * - busy_timeout makes a second process (reconcile, backup) wait instead of failing.
 * - foreign_keys makes SQLite enforce the relations the schema declares.
 */
export const SQLITE_PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  "PRAGMA synchronous = FULL",
  "PRAGMA busy_timeout = 5000",
  "PRAGMA foreign_keys = ON",
];

const sqliteOf = new WeakMap<Db, GatedSQLite>();

export function createDb(url: string = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL): Db {
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a file: URL for SQLite (got "${url.split(":")[0]}:...")`);
  }
  const adapter = new GatedSQLite({ url }, SQLITE_PRAGMAS);
  const db = new PrismaClient({ adapter });
  sqliteOf.set(db, adapter);
  return db;
}

/** The gated SQLite adapter behind a client made by createDb; undefined for any other. */
export function sqliteAdapterOf(db: Db): GatedSQLite | undefined {
  return sqliteOf.get(db);
}
