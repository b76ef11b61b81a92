// Case-insensitive "contains" on both databases. SQLite's LIKE, which Prisma's `contains` uses
// there, ignores ASCII case; PostgreSQL's does not, so there the filter asks for ILIKE
// (`mode: "insensitive"`, which only the PostgreSQL client knows, hence the cast). Petitions
// avoid the question with a lower-cased search column; this is for the rest.
import { dbInfo, type Db } from "./client";

export function containsIgnoringCase(db: Db, text: string): { contains: string } {
  return dbInfo(db).kind === "postgres" ? ({ contains: text, mode: "insensitive" } as { contains: string }) : { contains: text };
}
