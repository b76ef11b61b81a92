// `npm run restore -- FILE`: replaces the database with a backup. Stop the app first: the
// restore checks the backup, then copies it into place through SQLite's backup API.
import { existsSync, rmSync } from "node:fs";
import Database from "better-sqlite3";
import { serverConfig } from "@/lib/config";
import { databaseKind } from "@/lib/db/client";

export async function restore(source: string, url: string) {
  if (databaseKind(url) !== "sqlite") throw new Error("npm run restore restores a SQLite file; restore PostgreSQL with pg_restore or your provider's tools");
  if (!existsSync(source)) throw new Error(`no backup at ${source}`);
  const backupDb = new Database(source, { readonly: true });
  try {
    const check = backupDb.pragma("integrity_check", { simple: true });
    if (check !== "ok") throw new Error(`the backup failed its integrity check: ${String(check)}`);
    const file = url.replace(/^file:/, "");
    for (const suffix of ["-wal", "-shm"]) rmSync(file + suffix, { force: true });
    await backupDb.backup(file);
  } finally {
    backupDb.close();
  }
}

if (process.argv[1] && /restore\.ts$/.test(process.argv[1])) {
  const source = process.argv[2];
  if (!source) {
    console.error("Usage: npm run restore -- <backup file>");
    process.exit(2);
  }
  restore(source, serverConfig().DATABASE_URL)
    .then(() => console.log(`Restored from ${source}.`))
    .catch((error: unknown) => {
      console.error("Restore failed:", error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
}
