// Deleted rows outlive their DELETE: SQLite keeps them in free pages and in WAL frames until the
// file is rewritten, PostgreSQL keeps dead tuples until VACUUM FULL rewrites the table. Where a
// deleted row said something about a person (a legacy claim that someone signed anonymously,
// decision 018; signatures removed by retention) the database is scrubbed: rewritten so the
// old bytes are gone from the files. A scrub is requested in the Setting table (a key no setting
// uses), by the migration that made the claims and by the jobs that delete such rows, and the
// scheduler carries it out once (neither VACUUM runs inside a transaction, so no migration can).
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { dbInfo } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export const SCRUB_KEY = "maintenance.scrub";

/** The tables whose dead rows can name people; PostgreSQL rewrites only these (VACUUM FULL locks each briefly). */
const SCRUBBED_TABLES = ["SignTokenIssuance", "Signature", "AnonSignature", "NamedWithdrawal", "Follow", "Notification", "SpentToken"];

/** Asks for a scrub at the scheduler's next round (idempotent; safe inside a transaction). */
export async function requestScrub(db: Db | Prisma.TransactionClient, reason: string): Promise<void> {
  // A fresh id each time, so the scrub that answers one request cannot clear a later one.
  const value = JSON.stringify({ reason, id: randomUUID() });
  await db.setting.upsert({ where: { key: SCRUB_KEY }, create: { key: SCRUB_KEY, value }, update: { value } });
}

/**
 * Rewrites the database when a scrub was requested; returns 1 when it ran. SQLite: VACUUM (with
 * secure_delete on, decision 003), then a checkpoint that truncates the WAL, so neither the file
 * nor the WAL holds a deleted row. PostgreSQL: VACUUM FULL of the tables above, which writes them
 * to new files and drops the old ones.
 */
export async function scrubIfRequested(db: Db): Promise<number> {
  const request = await db.setting.findUnique({ where: { key: SCRUB_KEY }, select: { value: true } });
  if (!request) return 0;
  const info = dbInfo(db);
  if (info.kind === "sqlite") {
    await db.$executeRawUnsafe("VACUUM");
    await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  } else {
    await info.pool.query(`VACUUM FULL ${SCRUBBED_TABLES.map((t) => `"${t}"`).join(", ")}`);
  }
  // Only the request this scrub answered: one made while it ran stays for the next round.
  await db.setting.deleteMany({ where: { key: SCRUB_KEY, value: request.value } });
  return 1;
}
