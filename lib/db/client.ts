// Creates a Prisma client for DATABASE_URL: a `file:` URL is SQLite through better-sqlite3, a
// `postgresql://` URL is PostgreSQL through node-postgres (docs/decisions/014).
// Shared by the server, scripts, tests and benchmarks; the app's singleton is in ./server.ts.
import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { DEFAULT_DATABASE_URL, serverConfig } from "@/lib/config";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-pg/client";
import { createPgPool } from "./pg-pool";
import { installQueryPlanCache } from "./query-plan-cache";
import { GatedSQLite } from "./sqlite-adapter";

/**
 * The app's one database type. Both generated clients come from the same models (the PostgreSQL
 * schema is generated from the SQLite one), so they have the same model API; the app is typed
 * against the SQLite client's declarations, which keeps it to what both databases support
 * (docs/decisions/014; test/unit/db-types.test.ts checks the two stay interchangeable).
 */
export type Db = PrismaClient;

export type DbKind = "sqlite" | "postgres";

export { DEFAULT_DATABASE_URL };

/** What a client is connected to, for the few things that differ: live updates, rate limits, locks. */
export type DbInfo = { kind: "sqlite"; url: string } | { kind: "postgres"; url: string; pool: pg.Pool };

const infos = new WeakMap<object, DbInfo>();

export function databaseKind(url: string): DbKind {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgres";
  throw new Error(`DATABASE_URL must be a file: URL (SQLite) or a postgresql:// URL (got "${url.split(":")[0]}:...")`);
}

/** The database behind a client made by createDb. */
export function dbInfo(db: Db): DbInfo {
  const info = infos.get(db);
  if (!info) throw new Error("this client was not made by createDb");
  return info;
}

/**
 * Durability and concurrency settings applied to every connection (docs/decisions/003):
 * - WAL lets readers proceed while one writer commits.
 * - synchronous=FULL fsyncs the WAL at every commit, so an acknowledged signature survives a
 *   crash of the process or of the machine.
 * - busy_timeout makes a second process (reconcile, backup) wait instead of failing.
 * - foreign_keys makes SQLite enforce the relations the schema declares.
 * - secure_delete=FAST overwrites a deleted row's bytes in its page (no extra I/O), so a deleted
 *   row that named someone does not linger in the file; lib/db/scrub.ts rewrites the rest.
 */
export const SQLITE_PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  "PRAGMA synchronous = FULL",
  "PRAGMA busy_timeout = 5000",
  "PRAGMA foreign_keys = ON",
  "PRAGMA secure_delete = FAST",
];

/** The node-postgres pool behind a PostgreSQL client made by createDb; undefined for any other (a transaction's, SQLite's). */
export function postgresPoolOf(db: Db): pg.Pool | undefined {
  const info = infos.get(db);
  return info?.kind === "postgres" ? info.pool : undefined;
}

const sqliteOf = new WeakMap<Db, GatedSQLite>();

/** The gated SQLite adapter behind a client made by createDb; undefined for any other. */
export function sqliteAdapterOf(db: Db): GatedSQLite | undefined {
  return sqliteOf.get(db);
}

/**
 * Connections each server process keeps to PostgreSQL at most (DATABASE_POOL_SIZE, default 10),
 * at least 2: the scheduler holds one for its lock while its work queries through another.
 * The live-update listener uses one more of its own.
 */
export function postgresPoolSize(): number {
  return serverConfig().DATABASE_POOL_SIZE;
}

/**
 * Under a burst, transactions queue (for SQLite's one connection, or for a pooled PostgreSQL
 * connection); Prisma's default of 2 s to start one would turn a burst of signatures into errors
 * instead of a short wait.
 */
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 15_000 };

export function createDb(url: string = serverConfig().DATABASE_URL): Db {
  // Every client compiles its queries through the plan cache (docs/decisions/030).
  installQueryPlanCache();
  if (databaseKind(url) === "sqlite") {
    const adapter = new GatedSQLite({ url }, SQLITE_PRAGMAS);
    const db = new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS });
    infos.set(db, { kind: "sqlite", url });
    sqliteOf.set(db, adapter);
    return db;
  }
  // One pool per client, shared with the rate limiter and the scheduler's lock. PostgreSQL's
  // default READ COMMITTED isolation suits the domain's conditional updates (docs/decisions/003).
  const pool = createPgPool(url, { max: postgresPoolSize(), idleTimeoutMillis: 30_000 });
  // An idle connection that drops (a database restart) is replaced on the next query; without
  // a listener the error would crash the process.
  pool.on("error", () => console.error("[db] an idle PostgreSQL connection was closed"));
  const client = new PostgresPrismaClient({ adapter: new PrismaPg(pool), transactionOptions: TRANSACTION_OPTIONS });
  const db = client as unknown as Db;
  const disconnect = client.$disconnect.bind(client);
  let ended = false;
  Object.defineProperty(client, "$disconnect", {
    value: async () => {
      await disconnect();
      if (!ended) {
        ended = true;
        await pool.end();
      }
    },
  });
  infos.set(db, { kind: "postgres", url, pool });
  return db;
}
