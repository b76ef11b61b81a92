// Case-insensitive "contains" on both databases. SQLite's LIKE, which Prisma's `contains` uses
// there, ignores ASCII case; PostgreSQL's does not, so there the filter asks for ILIKE
// (`mode: "insensitive"`, which only the PostgreSQL client knows, hence the cast). Petitions
// avoid the question with a lower-cased search column; this is for the rest.
import { dbInfo, type Db } from "./client";

export function containsIgnoringCase(db: Db, text: string): { contains: string } {
  return dbInfo(db).kind === "postgres" ? ({ contains: text, mode: "insensitive" } as { contains: string }) : { contains: text };
}

// Similar petitions (docs/decisions/024): full-text search over title and ask, ranked by the
// database. SQLite uses the FTS5 table "PetitionSearch" (Porter stemmer, bm25 with the title
// weighted twice the ask); PostgreSQL the generated column "similarVector" (title weighted A, ask
// B, English stemmer) through its GIN index, ranked with ts_rank. Both are in the migration
// *_duplicate_petitions, written by hand: the Prisma schema can express neither. Both get the same query: every pair of the
// draft's words must appear together, so one shared word ("work", "office") is not enough.

/** Words too common to say two petitions ask the same thing (close to PostgreSQL's English list). */
const STOPWORDS = new Set(
  ("a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does " +
    "doing down during each few for from further get give had has have having he her here hers him his how i if in into is it its itself just let " +
    "me more most my no nor not now of off on once only or other our ours out over own please same she should so some such than that the their " +
    "theirs them then there these they this those through to too under until up us very was we were what when where which while who whom why " +
    "will with would you your yours " +
    // Words nearly every petition uses, which say nothing about what it asks.
    "allow ask asks every everyone let make need needs one petition want wants")
    .split(" "),
);

/** The words of a draft that count for similarity: letters and digits, lower-cased, no stop words, at most `max`. */
export function searchTerms(text: string, max = 10): string[] {
  const words = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 3 && !STOPWORDS.has(w));
  // One form per word ("work", "working"): both databases stem them alike, and a pair of two
  // forms of one word would match a petition that shares only that word.
  const byRoot = new Map<string, string>();
  for (const word of words) if (!byRoot.has(rootOf(word))) byRoot.set(rootOf(word), word);
  return [...byRoot.values()].slice(0, max);
}

/** A rough English root, only to tell two forms of one word apart from two words. */
function rootOf(word: string): string {
  const root = word.replace(/(ing|ed|ly|es|s|e)$/, "");
  return root.length >= 3 ? root : word;
}

/** "(a AND b) OR (a AND c) OR ...": every pair of terms; one term alone when there is only one. */
function pairQuery(terms: string[], quote: (t: string) => string, and: string, or: string): string {
  if (terms.length === 1) return quote(terms[0]!);
  const pairs: string[] = [];
  terms.forEach((a, i) => terms.slice(i + 1).forEach((b) => pairs.push(`(${quote(a)} ${and} ${quote(b)})`)));
  return pairs.join(` ${or} `);
}

/**
 * Ids of open or closed, not hidden petitions whose title and ask hold at least two of `terms`
 * (after stemming), best match first. Terms must come from searchTerms (letters and digits only);
 * they are passed as parameters either way. Visibility beyond that is the caller's (the policy).
 */
export async function similarPetitionIds(db: Db, terms: string[], limit: number): Promise<string[]> {
  if (terms.length === 0) return [];
  const safe = terms.filter((t) => /^[\p{L}\p{N}]+$/u.test(t));
  if (safe.length === 0) return [];
  if (dbInfo(db).kind === "postgres") {
    const query = pairQuery(safe, (t) => t, "&", "|");
    const rows = await db.$queryRaw<{ id: string }[]>`
      SELECT p."id" FROM "Petition" p, to_tsquery('english', ${query}) q
      WHERE p."similarVector" @@ q AND p."state" IN ('open', 'closed') AND p."hiddenReason" IS NULL
      ORDER BY ts_rank(p."similarVector", q) DESC, p."id"
      LIMIT ${limit}`;
    return rows.map((r) => r.id);
  }
  const query = pairQuery(safe, (t) => `"${t}"`, "AND", "OR");
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT s."petitionId" AS id FROM "PetitionSearch" s JOIN "Petition" p ON p."id" = s."petitionId"
    WHERE "PetitionSearch" MATCH ${query} AND p."state" IN ('open', 'closed') AND p."hiddenReason" IS NULL
    ORDER BY bm25("PetitionSearch", 0.0, 2.0, 1.0), p."id"
    LIMIT ${limit}`;
  return rows.map((r) => r.id);
}
