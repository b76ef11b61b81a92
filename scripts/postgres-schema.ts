// Writes prisma/postgres/schema.prisma, the PostgreSQL variant of prisma/schema.prisma.
//
// There is one schema source: prisma/schema.prisma. Prisma needs the provider in the schema
// file and generates a provider-specific client, so the PostgreSQL variant is this file with a
// different datasource provider and client output folder, and nothing else. It is committed (so
// `prisma generate` and the migration script can read it) and never edited by hand: a unit test
// fails when it differs from what this script writes (docs/decisions/014).
//
//   npx tsx scripts/postgres-schema.ts          write it
//   npx tsx scripts/postgres-schema.ts --check  exit 1 when it is out of date
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import path from "node:path";

export const SQLITE_SCHEMA = path.join("prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join("prisma", "postgres", "schema.prisma");

const HEADER = `// GENERATED from prisma/schema.prisma by scripts/postgres-schema.ts; do not edit.
// Change prisma/schema.prisma and run \`npm run db:migration -- NAME\`, which regenerates this
// file and writes a migration for each database (docs/decisions/014).
`;

function replaceOnce(source: string, pattern: RegExp, replacement: string, what: string): string {
  const matches = source.match(new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : pattern.flags + "g"));
  if (!matches || matches.length !== 1) {
    throw new Error(`prisma/schema.prisma: expected exactly one ${what}, found ${matches?.length ?? 0}`);
  }
  return source.replace(pattern, replacement);
}

/** The PostgreSQL schema for a SQLite schema's text. Throws if the source has an unexpected shape. */
export function toPostgresSchema(source: string): string {
  let out = replaceOnce(source, /(datasource db \{[^}]*provider\s*=\s*)"sqlite"/, '$1"postgresql"', 'datasource provider "sqlite"');
  // The schema moves one folder down, and the PostgreSQL client gets its own folder.
  out = replaceOnce(out, /(generator client \{[^}]*output\s*=\s*)"\.\.\/lib\/generated\/prisma"/, '$1"../../lib/generated/prisma-pg"', 'client output "../lib/generated/prisma"');
  if (/"sqlite"|@db\./.test(out)) throw new Error("prisma/schema.prisma uses something SQLite-specific; keep it portable");
  return HEADER + "\n" + out;
}

export function writePostgresSchema(root = process.cwd()): { changed: boolean } {
  const target = path.join(root, POSTGRES_SCHEMA);
  const next = toPostgresSchema(readFileSync(path.join(root, SQLITE_SCHEMA), "utf8"));
  const current = existsSync(target) ? readFileSync(target, "utf8") : null;
  if (current === next) return { changed: false };
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, next);
  return { changed: true };
}

if (process.argv[1] && /postgres-schema\.ts$/.test(process.argv[1])) {
  if (process.argv.includes("--check")) {
    const current = existsSync(POSTGRES_SCHEMA) ? readFileSync(POSTGRES_SCHEMA, "utf8") : "";
    if (current !== toPostgresSchema(readFileSync(SQLITE_SCHEMA, "utf8"))) {
      console.error(`${POSTGRES_SCHEMA} is out of date: run npx tsx scripts/postgres-schema.ts`);
      process.exit(1);
    }
    console.log(`${POSTGRES_SCHEMA} is up to date.`);
  } else {
    const { changed } = writePostgresSchema();
    console.log(changed ? `Wrote ${POSTGRES_SCHEMA}.` : `${POSTGRES_SCHEMA} was already up to date.`);
  }
}
