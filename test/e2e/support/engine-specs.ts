// Which browser specs the PostgreSQL run repeats (docs/decisions/033). The SQLite run has every
// spec. The PostgreSQL run leaves out the ones whose result cannot depend on the database engine:
// either they start their own server on a SQLite file of their own whatever the run's database
// is (so on PostgreSQL they were the same test a second time), or they check only what a page
// looks like, in which language and to a screen reader, from data the other specs already read
// through PostgreSQL. E2E_POSTGRES_SUITE=full runs all of them on PostgreSQL too.

/** File name → why the PostgreSQL run does not repeat it. */
export const SQLITE_ONLY_SPECS: Record<string, string> = {
  "api-fuzz.spec.ts": "its own server on its own SQLite file (own-server.ts), whatever the run's database",
  "api-contract.spec.ts": "its own server on its own SQLite file (own-server.ts), whatever the run's database",
  "xss.spec.ts": "its own server on its own SQLite file (own-server.ts), whatever the run's database",
  "config.spec.ts": "its own servers on their own SQLite file, testing how the configuration is read",
  "layout.spec.ts": "widths, the header's row and screenshots: how pages look, not what they read",
  "a11y.spec.ts": "axe on the pages' markup, which the database does not shape",
  "language.spec.ts": "the language comes from the request and the message files; the data behind the words is read through PostgreSQL by the other specs",
  "markdown-limits.spec.ts": "the renderer's limits, which refuse a text before anything is stored",
};

export type PostgresSuite = "engine" | "full";

/** The testIgnore patterns for a run on `engine` ("sqlite" or "postgres"). */
export function ignoredSpecs(engine: "sqlite" | "postgres", suite: PostgresSuite): string[] {
  if (engine === "sqlite" || suite === "full") return [];
  return Object.keys(SQLITE_ONLY_SPECS).map((file) => `**/${file}`);
}
