// The benchmark's seed rows into PostgreSQL: one INSERT … SELECT FROM unnest(…) per table and
// batch, each batch in one transaction. The SQLite sink is in ./seed-scale.ts.
import { createPgPool } from "@/lib/db/pg-pool";
import type { SeedRows, SeedSink } from "./seed-scale";

const ts = (d: Date | null) => (d ? d.toISOString() : null);

export function postgresSink(url: string): SeedSink {
  const pool = createPgPool(url, { max: 1 });
  return {
    async write(rows: SeedRows) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        if (rows.users.length) {
          const u = rows.users;
          await client.query(
            `INSERT INTO "User" ("id", "email", "name", "department", "location", "role", "createdAt")
             SELECT id, email, name, department, location, 'employee', created FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamp(3)[])
               AS t(id, email, name, department, location, created)`,
            [u.map((r) => r.id), u.map((r) => r.email), u.map((r) => r.name), u.map((r) => r.department), u.map((r) => r.location), u.map((r) => ts(r.createdAt))],
          );
        }
        if (rows.petitions.length) {
          const p = rows.petitions;
          await client.query(
            `INSERT INTO "Petition" ("id", "slug", "title", "ask", "background", "addressedTo", "goal", "responseThreshold", "searchText", "state",
               "coSponsorToken", "signatureCount", "closesAt", "openedAt", "thresholdReachedAt", "responseDueAt", "closedAt", "createdAt", "updatedAt")
             SELECT id, slug, title, ask, background, addressed, 1000, 500, search, state, token, count, closes, opened, threshold, due, closed, created, created
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::int[],
               $11::timestamp(3)[], $12::timestamp(3)[], $13::timestamp(3)[], $14::timestamp(3)[], $15::timestamp(3)[], $16::timestamp(3)[])
               AS t(id, slug, title, ask, background, addressed, search, state, token, count, closes, opened, threshold, due, closed, created)`,
            [
              p.map((r) => r.id), p.map((r) => r.slug), p.map((r) => r.title), p.map((r) => r.ask), p.map((r) => r.background), p.map((r) => r.addressedTo),
              p.map((r) => r.searchText), p.map((r) => r.state), p.map((r) => r.token), p.map((r) => r.count), p.map((r) => ts(r.closesAt)), p.map((r) => ts(r.openedAt)),
              p.map((r) => ts(r.thresholdAt)), p.map((r) => ts(r.dueAt)), p.map((r) => ts(r.closedAt)), p.map((r) => ts(r.createdAt)),
            ],
          );
        }
        if (rows.organizers.length) {
          const o = rows.organizers;
          await client.query(
            `INSERT INTO "PetitionOrganizer" ("petitionId", "userId", "role", "createdAt")
             SELECT petition, person, 'owner', created FROM unnest($1::text[], $2::text[], $3::timestamp(3)[]) AS t(petition, person, created)`,
            [o.map((r) => r.petitionId), o.map((r) => r.userId), o.map((r) => ts(r.createdAt))],
          );
        }
        if (rows.signatures.length) {
          const s = rows.signatures;
          await client.query(
            `INSERT INTO "Signature" ("id", "petitionId", "userId", "visibility", "coSponsor", "createdAt")
             SELECT id, petition, person, 'named', false, created FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamp(3)[])
               AS t(id, petition, person, created)`,
            [s.map((r) => r.id), s.map((r) => r.petitionId), s.map((r) => r.userId), s.map((r) => ts(r.createdAt))],
          );
        }
        if (rows.issuances.length) {
          const i = rows.issuances;
          await client.query(
            `INSERT INTO "SignTokenIssuance" ("petitionId", "userId") SELECT petition, person FROM unnest($1::text[], $2::text[]) AS t(petition, person)`,
            [i.map((r) => r.petitionId), i.map((r) => r.userId)],
          );
        }
        if (rows.anonSignatures.length) {
          const a = rows.anonSignatures;
          await client.query(
            `INSERT INTO "AnonSignature" ("id", "petitionId", "nonceHash", "day") SELECT id, petition, hash, day FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(id, petition, hash, day)`,
            [a.map((r) => r.id), a.map((r) => r.petitionId), a.map((r) => r.nonceHash), a.map((r) => r.day)],
          );
        }
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      const client = await pool.connect();
      try {
        // Fresh statistics, as autovacuum would gather soon after a real load.
        await client.query("ANALYZE");
      } finally {
        client.release();
        await pool.end();
      }
    },
  };
}

/** What a signing scenario stored on PostgreSQL, for compareExactness. */
export async function storedSignaturesPostgres(url: string, petitionId: string): Promise<{ signers: string[]; storedCount: number }> {
  const pool = createPgPool(url, { max: 1 });
  const client = await pool.connect();
  try {
    // One snapshot for the rows and the count (see exactness.ts): under READ COMMITTED, a
    // signature still in flight when the load stopped could commit between the two statements.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const rows = await client.query<{ userId: string }>('SELECT "userId" FROM "Signature" WHERE "petitionId" = $1', [petitionId]);
    const count = await client.query<{ signatureCount: number }>('SELECT "signatureCount" FROM "Petition" WHERE "id" = $1', [petitionId]);
    await client.query("COMMIT");
    return { signers: rows.rows.map((r) => r.userId), storedCount: count.rows[0]!.signatureCount };
  } finally {
    client.release();
    await pool.end();
  }
}
