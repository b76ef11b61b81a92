// The PostgreSQL browser run leaves out only specs whose result cannot depend on the database
// (test/e2e/support/engine-specs.ts, docs/decisions/033): each one named must exist, and each
// one said to run its own SQLite server must really start it on a file: URL.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ignoredSpecs, SQLITE_ONLY_SPECS } from "@/test/e2e/support/engine-specs";

const specs = readdirSync("test/e2e").filter((f) => f.endsWith(".spec.ts"));

describe("the browser specs the PostgreSQL run leaves out", () => {
  it("names only specs that exist, each with a reason", () => {
    for (const [file, why] of Object.entries(SQLITE_ONLY_SPECS)) {
      expect(specs, file).toContain(file);
      expect(why.length).toBeGreaterThan(20);
    }
  });

  it("leaves out nothing on SQLite, nothing with the full suite, and only the named ones on PostgreSQL", () => {
    expect(ignoredSpecs("sqlite", "engine")).toEqual([]);
    expect(ignoredSpecs("postgres", "full")).toEqual([]);
    expect(ignoredSpecs("postgres", "engine").sort()).toEqual(Object.keys(SQLITE_ONLY_SPECS).map((f) => `**/${f}`).sort());
  });

  it("keeps every spec that signs, counts, streams, stores anonymously or runs two servers", () => {
    for (const file of ["petitions.spec.ts", "anonymity.spec.ts", "anonymous-signing.spec.ts", "anonymous-signers.spec.ts", "two-servers.spec.ts", "crash.spec.ts", "page-cache.spec.ts", "timeline.spec.ts", "security.spec.ts", "authz-matrix.spec.ts"]) {
      expect(specs).toContain(file);
      expect(Object.keys(SQLITE_ONLY_SPECS)).not.toContain(file);
    }
  });

  it("a spec said to run on its own SQLite file does start its server on a file: URL", () => {
    for (const [file, why] of Object.entries(SQLITE_ONLY_SPECS)) {
      if (!why.includes("SQLite file")) continue;
      const source = readFileSync(`test/e2e/${file}`, "utf8");
      expect(source, file).toMatch(/startOwnServer\(`file:\.\/\$\{FILE\}`/);
      expect(source, file).not.toMatch(/E2E_DATABASE_URL/);
    }
  });
});
