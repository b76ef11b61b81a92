// The few statements Prisma's query API cannot say the same way on SQLite and PostgreSQL, as
// plain SQL both run unchanged (docs/decisions/015). Nothing outside lib/db writes SQL
// (eslint.config.mjs); these run on both databases in every integration test that reaches them.
// - Insert-unless-present: `createMany({ skipDuplicates })` does not exist on SQLite, and a unique
//   violation inside a PostgreSQL transaction aborts the whole transaction, so a batch cannot
//   catch it and go on.
// - Add-to-count: an upsert whose update adds to the stored value, atomically, in one statement.
// - COUNT(DISTINCT …): Prisma's groupBy would return one row per person.
import type { Db } from "./client";

type Sql = Pick<Db, "$executeRaw" | "$queryRaw">;

/** Records a spent anonymous token with its batch's week; false when it was spent already (and nothing changes). */
export async function insertSpentTokenOnce(tx: Sql, t: { nonceHash: string; week: string; contentHash: string }): Promise<boolean> {
  const inserted = await tx.$executeRaw`INSERT INTO "SpentToken" ("nonceHash", "week", "contentHash") VALUES (${t.nonceHash}, ${t.week}, ${t.contentHash}) ON CONFLICT DO NOTHING`;
  return inserted === 1;
}

/** Records the author's answer to a question; false when the question has one already. */
export async function insertCommentAnswerOnce(tx: Sql, a: { id: string; questionId: string; body: string; day: string }): Promise<boolean> {
  const inserted = await tx.$executeRaw`INSERT INTO "CommentAnswer" ("id", "questionId", "body", "day") VALUES (${a.id}, ${a.questionId}, ${a.body}, ${a.day}) ON CONFLICT DO NOTHING`;
  return inserted === 1;
}

/** Adds a week's token collections to what is stored for that person, week and purpose. */
export async function addTokenIssuance(tx: Sql, p: { userId: string; week: string; purpose: string; issued: number }): Promise<void> {
  await tx.$executeRaw`INSERT INTO "TokenIssuance" ("userId", "week", "purpose", "issued") VALUES (${p.userId}, ${p.week}, ${p.purpose}, ${p.issued})
    ON CONFLICT ("userId", "week", "purpose") DO UPDATE SET "issued" = "TokenIssuance"."issued" + excluded."issued"`;
}

/** How many people have a stored collection for this purpose in any of these weeks. */
export async function countTokenCollectors(db: Sql, purpose: string, weeks: readonly [string, string]): Promise<number> {
  const [row] = await db.$queryRaw<{ people: bigint | number }[]>`
    SELECT COUNT(DISTINCT "userId") AS people FROM "TokenIssuance"
    WHERE "purpose" = ${purpose} AND "issued" > 0 AND "week" IN (${weeks[0]}, ${weeks[1]})`;
  return Number(row?.people ?? 0);
}
