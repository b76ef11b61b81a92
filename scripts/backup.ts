// `npm run backup [-- FILE]`: a consistent online copy of the SQLite database through SQLite's
// backup API, safe while the app is serving and writing. Default: data/backups/<time>.db.
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { serverConfig } from "@/lib/config";
import { databaseKind } from "@/lib/db/client";

export async function backup(url: string, target: string) {
  if (databaseKind(url) !== "sqlite") throw new Error("npm run backup copies a SQLite file; back up PostgreSQL with pg_dump or your provider's snapshots");
  mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const db = new Database(url.replace(/^file:/, ""), { fileMustExist: true, timeout: 5000 });
  try {
    await db.backup(target);
    const copy = new Database(target, { readonly: true });
    const check = copy.pragma("integrity_check", { simple: true });
    copy.close();
    if (check !== "ok") throw new Error(`the backup failed its integrity check: ${String(check)}`);
  } finally {
    db.close();
  }
  return target;
}

if (process.argv[1] && /backup\.ts$/.test(process.argv[1])) {
  const url = serverConfig().DATABASE_URL;
  const target = process.argv[2] ?? path.join("data", "backups", `${new Date().toISOString().replace(/[:.]/g, "-")}.db`);
  backup(url, target)
    .then((file) => console.log(`Backed up to ${file} (integrity check ok).`))
    .catch((error: unknown) => {
      console.error("Backup failed:", error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
}
