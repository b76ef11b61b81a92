// Hand-written SQL for the few hottest paths on SQLite (docs/decisions/015-hot-paths.md).
// Prisma 6's JavaScript query engine spends 0.2–0.5 ms compiling each query; a prepared
// better-sqlite3 statement answers in microseconds. Everything here has a Prisma twin that runs
// on PostgreSQL and when direct SQL is switched off, and test/integration/direct-sql.test.ts
// checks that the two give the same answers.
import type Database from "better-sqlite3";
import { serverConfig } from "@/lib/config";
import { sqliteAdapterOf, type Db } from "./client";

let enabled = serverConfig().UNDERSIGNED_DIRECT_SQL;

/** Tests switch direct SQL off to compare both paths on the same database. */
export function setDirectSql(on: boolean) {
  enabled = on;
}

/** Whether withSqlite would run for this client. */
export function directSqlAvailable(db: Db): boolean {
  return enabled && sqliteAdapterOf(db) !== undefined;
}

/**
 * Runs synchronous SQL on the SQLite connection behind `db`, never inside another request's
 * transaction; null when `db` is not SQLite or direct SQL is off, so the caller uses Prisma.
 */
export async function withSqlite<T>(db: Db, work: (client: Database.Database) => T): Promise<{ value: T } | null> {
  const adapter = enabled ? sqliteAdapterOf(db) : undefined;
  if (!adapter) return null;
  if (!adapter.isConnected) await db.$connect();
  return { value: await adapter.runDirect(work) };
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * A prepared statement, prepared once per connection. Integers come back as numbers: the
 * adapter's connection returns BigInts by default, and no column here comes near 2^53.
 */
export function prepared(client: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(client);
  if (!cache) statements.set(client, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = client.prepare(sql).safeIntegers(false)));
  return statement;
}

/** Prisma stores SQLite DateTime values as ISO 8601 text with an explicit offset. */
export const toSqliteTime = (date: Date) => date.toISOString().replace("Z", "+00:00");
export const fromSqliteTime = (value: string | null) => (value === null ? null : new Date(value));
