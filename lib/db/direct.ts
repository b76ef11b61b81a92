// Hand-written SQL for the few hottest paths on SQLite (docs/decisions/015-hot-paths.md).
// Prisma 6's JavaScript query engine spends 0.2–0.5 ms compiling each query; a prepared
// better-sqlite3 statement answers in microseconds. The direct SQL lives here, each statement
// beside its Prisma twin (which runs on PostgreSQL, inside transactions and when direct SQL is
// switched off): the reads below, and the signing group commit in lib/signatures/direct.ts,
// built on withSqlite. Nothing else may import this module (eslint.config.mjs), and
// test/integration/direct-sql.test.ts checks that every path gives its twin's answers.
import type Database from "better-sqlite3";
import { serverConfig } from "@/lib/config";
import { sqliteAdapterOf, type Db } from "./client";
import type { Petition } from "@/lib/generated/prisma/client";

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

export type ActorRow = { id: string; name: string; email: string; role: string; department: string | null; location: string | null; sessionVersion: number };

/** The account behind a session: every signed-in request reads it (lib/users getActorById). */
export async function readActorRow(db: Db, id: string): Promise<ActorRow | null> {
  const direct = await withSqlite(db, (c) =>
    prepared(c, "SELECT id, name, email, role, department, location, sessionVersion FROM User WHERE id = ?").get(id) as ActorRow | undefined,
  );
  if (direct) return direct.value ?? null;
  return db.user.findUnique({
    where: { id },
    select: { id: true, name: true, email: true, role: true, department: true, location: true, sessionVersion: true },
  });
}

/**
 * Every stored setting (lib/settings getSettings), read by most pages and commands. Inside a
 * transaction (`db` is then a transaction client) it goes through Prisma, in that transaction.
 */
export async function readSettingRows(db: Pick<Db, "setting">): Promise<{ key: string; value: string }[]> {
  const direct = "$connect" in db ? await withSqlite(db as Db, (c) => prepared(c, "SELECT key, value FROM Setting").all() as { key: string; value: string }[]) : null;
  return direct ? direct.value : db.setting.findMany({ select: { key: true, value: true } });
}

export type PublicCountRow = { id: string; signatureCount: number; goal: number; state: string; closesAt: Date; updatedAt: Date };

const PETITION_TIMES = ["closesAt", "openedAt", "thresholdReachedAt", "responseDueAt", "respondedAt", "closedAt", "createdAt", "updatedAt", "hiddenAt", "deliveredAt"] as const;

/** The petition at this address, whole: read on every view of its page (lib/petitions/page-data.ts, decision 019). */
export async function readPetitionRowBySlug(db: Db, slug: string): Promise<Petition | null> {
  const direct = await withSqlite(db, (c) => {
    const row = prepared(c, "SELECT * FROM Petition WHERE slug = ?").get(slug) as Record<string, unknown> | undefined;
    if (!row) return null;
    for (const key of PETITION_TIMES) row[key] = fromSqliteTime(row[key] as string | null);
    return row as Petition;
  });
  if (direct) return direct.value;
  return db.petition.findUnique({ where: { slug } });
}

/** A public (open or closed) petition's count: the endpoint live viewers poll (lib/petitions getPublicCount). */
export async function readPublicCountRow(db: Db, petitionId: string): Promise<PublicCountRow | null> {
  const direct = await withSqlite(db, (c) => {
    const row = prepared(c, "SELECT id, signatureCount, goal, state, closesAt, updatedAt FROM Petition WHERE id = ? AND state IN ('open', 'closed')").get(petitionId) as
      | { id: string; signatureCount: number; goal: number; state: string; closesAt: string; updatedAt: string }
      | undefined;
    return row ? { ...row, closesAt: fromSqliteTime(row.closesAt)!, updatedAt: fromSqliteTime(row.updatedAt)! } : null;
  });
  if (direct) return direct.value;
  return db.petition.findFirst({
    where: { id: petitionId, state: { in: ["open", "closed"] } },
    select: { id: true, signatureCount: true, goal: true, state: true, closesAt: true, updatedAt: true },
  });
}

