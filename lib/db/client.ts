// Creates a Prisma client over SQLite through the better-sqlite3 driver adapter.
// Shared by the server, scripts, tests and benchmarks; the app's singleton is in ./server.ts.
import type Database from "better-sqlite3";
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

/**
 * Runs synchronous, hand-written SQL on the SQLite connection behind `db`, never inside another
 * request's transaction; null when `db` is not SQLite. For the few hot paths where Prisma's
 * per-query cost dominates (docs/decisions/013-hot-paths.md); everything else uses Prisma.
 */
export async function withSqlite<T>(db: Db, work: (client: Database.Database) => T): Promise<{ value: T } | null> {
  const adapter = sqliteOf.get(db);
  if (!adapter) return null;
  await db.$connect();
  return { value: await adapter.runDirect(work) };
}
