import "server-only";
import { serverConfig } from "@/lib/config";
import { createDb, type Db } from "./client";

// One client per server process. In development, Next.js reloads modules, so the client is
// kept on globalThis to avoid opening new database connections on every edit.
const globalForDb = globalThis as unknown as { undersignedDb?: Db };

export const db: Db = globalForDb.undersignedDb ?? createDb();
if (!serverConfig().production) globalForDb.undersignedDb = db;
