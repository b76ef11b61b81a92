// Hand-written SQL for the few hottest paths (docs/decisions/015-hot-paths.md, 032).
// Prisma 6's JavaScript query engine spends 0.2–0.5 ms compiling each query; a prepared
// better-sqlite3 statement answers in microseconds. The direct SQL lives here, each statement
// beside its Prisma twin (which runs inside transactions and when direct SQL is switched off):
// the reads below, the SQLite signing group commit in lib/signatures/direct.ts, built on
// withSqlite, and on PostgreSQL the account read and signing's one statement per group. Nothing else may import this module (eslint.config.mjs), and
// test/integration/direct-sql.test.ts checks that every path gives its twin's answers.
import type Database from "better-sqlite3";
import { serverConfig } from "@/lib/config";
import { postgresPoolOf as poolOf, sqliteAdapterOf, type Db } from "./client";
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

/** The account behind a session: every signed-in request reads it (lib/users getActorById), on PostgreSQL too. */
export async function readActorRow(db: Db, id: string): Promise<ActorRow | null> {
  const direct = await withSqlite(db, (c) =>
    prepared(c, "SELECT id, name, email, role, department, location, sessionVersion FROM User WHERE id = ?").get(id) as ActorRow | undefined,
  );
  if (direct) return direct.value ?? null;
  const pool = postgresPoolOf(db);
  if (pool) {
    const { rows } = await pool.query<ActorRow>('SELECT "id", "name", "email", "role", "department", "location", "sessionVersion" FROM "User" WHERE "id" = $1', [id]);
    return rows[0] ?? null;
  }
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


/** A signed-in person's own standing on a petition, and their unread notifications. */
export type StandingRow = { unread: number; organizer: boolean; visibility: string | null; coSponsor: boolean; following: boolean; withdrewNamed: boolean };

const STANDING_SQLITE = `SELECT
  (SELECT COUNT(*) FROM Notification WHERE userId = @user AND readAt IS NULL) AS unread,
  EXISTS (SELECT 1 FROM PetitionOrganizer WHERE petitionId = @petition AND userId = @user) AS organizer,
  (SELECT visibility FROM Signature WHERE petitionId = @petition AND userId = @user) AS visibility,
  COALESCE((SELECT coSponsor FROM Signature WHERE petitionId = @petition AND userId = @user), 0) AS coSponsor,
  EXISTS (SELECT 1 FROM Follow WHERE userId = @user AND targetType = 'petition' AND targetId = @petition) AS following,
  EXISTS (SELECT 1 FROM NamedWithdrawal WHERE petitionId = @petition AND userId = @user) AS withdrewNamed`;

const STANDING_POSTGRES = `SELECT
  (SELECT COUNT(*)::int FROM "Notification" WHERE "userId" = $1 AND "readAt" IS NULL) AS "unread",
  EXISTS (SELECT 1 FROM "PetitionOrganizer" WHERE "petitionId" = $2 AND "userId" = $1) AS "organizer",
  (SELECT "visibility" FROM "Signature" WHERE "petitionId" = $2 AND "userId" = $1) AS "visibility",
  COALESCE((SELECT "coSponsor" FROM "Signature" WHERE "petitionId" = $2 AND "userId" = $1), false) AS "coSponsor",
  EXISTS (SELECT 1 FROM "Follow" WHERE "userId" = $1 AND "targetType" = 'petition' AND "targetId" = $2) AS "following",
  EXISTS (SELECT 1 FROM "NamedWithdrawal" WHERE "petitionId" = $2 AND "userId" = $1) AS "withdrewNamed"`;

/**
 * Everything a petition's page shows of its viewer in one statement, where Prisma takes five:
 * read for every signed-in view of a petition (lib/petitions/page-data.ts petitionStanding), and
 * for every shared page served to someone signed in (lib/personal, decision 035).
 */
export async function readStanding(db: Db, userId: string, petitionId: string): Promise<StandingRow> {
  const direct = await withSqlite(db, (c) => {
    const row = prepared(c, STANDING_SQLITE).get({ user: userId, petition: petitionId }) as Record<keyof StandingRow, number | string | null>;
    return { unread: Number(row.unread), organizer: row.organizer === 1, visibility: row.visibility as string | null, coSponsor: row.coSponsor === 1, following: row.following === 1, withdrewNamed: row.withdrewNamed === 1 };
  });
  if (direct) return direct.value;
  const pool = postgresPoolOf(db);
  if (pool) {
    const { rows } = await pool.query<StandingRow>(STANDING_POSTGRES, [userId, petitionId]);
    return rows[0]!;
  }
  const [unread, organizer, signature, follow, withdrawal] = await Promise.all([
    db.notification.count({ where: { userId, readAt: null } }),
    db.petitionOrganizer.findUnique({ where: { petitionId_userId: { petitionId, userId } }, select: { userId: true } }),
    db.signature.findUnique({ where: { petitionId_userId: { petitionId, userId } }, select: { visibility: true, coSponsor: true } }),
    db.follow.findUnique({ where: { userId_targetType_targetId: { userId, targetType: "petition", targetId: petitionId } }, select: { id: true } }),
    db.namedWithdrawal.findUnique({ where: { petitionId_userId: { petitionId, userId } }, select: { userId: true } }),
  ]);
  return { unread, organizer: organizer !== null, visibility: signature?.visibility ?? null, coSponsor: signature?.coSponsor ?? false, following: follow !== null, withdrewNamed: withdrawal !== null };
}

/** What one group's statement wrote on PostgreSQL: the count after it, and who signed, in order. */
export type PostgresSignGroup = {
  countAfter: number;
  signed: string[];
  /** Left unwritten because the group would take an open, visible petition to its threshold. */
  wouldCross: boolean;
  /** Written past the threshold, which no one has recorded yet: the caller records it. */
  reachedUnrecorded: boolean;
};

/**
 * The common case of signing, for a group of people on one petition, as one PostgreSQL statement
 * (decision 032; the twin of lib/signatures/direct.ts's signOne and of the Prisma path in
 * lib/signatures). The statement commits by itself, so the petition's row is locked for one round
 * trip: from its FOR UPDATE to the commit. It writes only for an open, visible petition whose
 * response threshold the whole group cannot cross, and only for people who have neither signed
 * nor taken the petition's token slot; everyone else is left out of `signed` and goes the general
 * way. null when `db` is not PostgreSQL or direct SQL is off.
 *
 * Under READ COMMITTED the locked row is re-read at its newest version, so the conditions, the
 * count and `wouldCross` are current (the row is locked whatever it holds, and the conditions are
 * read from the locked row); the NOT EXISTS below reads the statement's snapshot, and a signature
 * committed after it is caught by the slot's ON CONFLICT, which waits for that commit.
 */
export async function signGroupPostgres(
  db: Db,
  petitionId: string,
  people: readonly { userId: string; at: Date; follow: boolean }[],
  /** Another signature is taking the petition over its threshold the general way: write past it. */
  crossingUnderWay = false,
): Promise<PostgresSignGroup | null> {
  const pool = postgresPoolOf(db);
  if (!pool) return null;
  const { rows } = await pool.query<{ countAfter: number | null; signed: string[]; wouldCross: boolean | null; reachedUnrecorded: boolean | null }>(SIGN_GROUP_POSTGRES, [
    petitionId,
    people.map((p) => p.userId),
    people.map((p) => p.at.toISOString()),
    people.filter((p) => p.follow).map((p) => p.userId),
    crossingUnderWay,
  ]);
  const row = rows[0]!;
  const wouldCross = row.wouldCross === true;
  if (row.countAfter === null) return { countAfter: 0, signed: [], wouldCross, reachedUnrecorded: false };
  return { countAfter: row.countAfter, signed: row.signed, wouldCross, reachedUnrecorded: row.reachedUnrecorded === true };
}

// $1 the petition, $2 the signers, $3 each one's time (ISO 8601, UTC), $4 those who follow it,
// $5 whether a crossing of the threshold is under way elsewhere (then the group may write past it).
// "wouldCross" says that the group was left unwritten because it would take an open, visible
// petition to its threshold, which the general path must record; "reachedUnrecorded" that a group
// written past it (with $5) left the count at or over a threshold nobody has recorded yet.
// Prisma stores DateTime as UTC in timestamp(3) columns, hence AT TIME ZONE 'UTC'.
const SIGN_GROUP_POSTGRES = `
WITH locked AS (
  SELECT "id", "closesAt", "state", "hiddenReason", "thresholdReachedAt", "signatureCount", "responseThreshold" FROM "Petition"
  WHERE "id" = $1
  FOR UPDATE
),
p AS (
  SELECT "id", "closesAt" FROM locked
  WHERE "state" = 'open' AND "hiddenReason" IS NULL
    AND ($5::boolean OR "thresholdReachedAt" IS NOT NULL OR "signatureCount" + cardinality($2::text[]) < "responseThreshold")
),
candidate AS (
  SELECT t.u AS "userId", (t.at::timestamptz AT TIME ZONE 'UTC') AS "at", t.ord
  FROM p, unnest($2::text[], $3::text[]) WITH ORDINALITY AS t(u, at, ord)
  WHERE p."closesAt" > (t.at::timestamptz AT TIME ZONE 'UTC')
    AND NOT EXISTS (SELECT 1 FROM "Signature" s WHERE s."petitionId" = $1 AND s."userId" = t.u)
    -- An account deleted since its session was read would fail the whole statement.
    AND EXISTS (SELECT 1 FROM "User" u WHERE u."id" = t.u)
),
slot AS (
  INSERT INTO "SignTokenIssuance" ("petitionId", "userId")
  SELECT $1, "userId" FROM candidate ORDER BY ord
  ON CONFLICT DO NOTHING
  RETURNING "userId"
),
signature AS (
  INSERT INTO "Signature" ("id", "petitionId", "userId", "visibility", "coSponsor", "createdAt")
  SELECT gen_random_uuid()::text, $1, c."userId", 'named', false, c."at" FROM slot JOIN candidate c ON c."userId" = slot."userId"
  ON CONFLICT DO NOTHING
  RETURNING "userId", "createdAt"
),
follow AS (
  INSERT INTO "Follow" ("id", "userId", "targetType", "targetId", "createdAt")
  SELECT gen_random_uuid()::text, "userId", 'petition', $1, "createdAt" FROM signature WHERE "userId" = ANY($4::text[])
  ON CONFLICT DO NOTHING
),
counted AS (
  UPDATE "Petition" SET "signatureCount" = "signatureCount" + (SELECT count(*) FROM signature), "updatedAt" = (SELECT max("createdAt") FROM signature)
  WHERE "id" = (SELECT "id" FROM p) AND EXISTS (SELECT 1 FROM signature)
  RETURNING "signatureCount", "responseThreshold", "thresholdReachedAt"
)
SELECT (SELECT "signatureCount" FROM counted) AS "countAfter", ARRAY(SELECT "userId" FROM signature) AS "signed",
  (SELECT NOT EXISTS (SELECT 1 FROM p) AND "state" = 'open' AND "hiddenReason" IS NULL AND "thresholdReachedAt" IS NULL
     AND "signatureCount" + cardinality($2::text[]) >= "responseThreshold" FROM locked) AS "wouldCross",
  (SELECT "thresholdReachedAt" IS NULL AND "signatureCount" >= "responseThreshold" FROM counted) AS "reachedUnrecorded"`;

/** The pool behind a PostgreSQL client, when direct SQL may use it. */
function postgresPoolOf(db: Db) {
  return enabled ? poolOf(db) : undefined;
}

/** Whether signGroupPostgres would run for this client. */
export function directPostgresAvailable(db: Db): boolean {
  return postgresPoolOf(db) !== undefined;
}
