// Makes a new migration offline: `npm run db:migration -- add_comments`.
//
// `prisma migrate dev` needs the Rust schema engine or a shadow database, neither of which
// works with the JavaScript engine on these machines (docs/decisions/002). Instead we diff the
// schema the committed migrations produce (kept as prisma/migrations/schema.snapshot.prisma)
// against prisma/schema.prisma, write the SQL as a new migration and move the snapshot on.
// The script fails when the diff fails or is empty, so a broken diff never becomes an empty
// migration.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, copyFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name>   (lower-case letters, digits and _)");
  process.exit(2);
}

const migrationsDir = path.join("prisma", "migrations");
const snapshot = path.join(migrationsDir, "schema.snapshot.prisma");
const schema = path.join("prisma", "schema.prisma");
const from = existsSync(snapshot) ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];

let sql: string;
try {
  sql = execFileSync(
    "npx",
    ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", schema, "--script"],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
} catch {
  console.error("prisma migrate diff failed; no migration was written.");
  process.exit(1);
}

const statements = sql.split("\n").filter((line) => line.trim() && !line.startsWith("--"));
if (statements.length === 0 || /This is an empty migration/.test(sql)) {
  console.error("The schema has not changed since the last migration; nothing to write.");
  process.exit(1);
}

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
if (!existsSync(path.join(migrationsDir, "migration_lock.toml"))) {
  writeFileSync(path.join(migrationsDir, "migration_lock.toml"), 'provider = "sqlite"\n');
}
copyFileSync(schema, snapshot);
console.log(`Wrote ${dir}/migration.sql; apply it with npm run db:deploy.`);
