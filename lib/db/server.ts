import "server-only";
import { createDb, type Db } from "./client";

// One client per server process. In development, Next.js reloads modules, so the client is
// kept on globalThis to avoid opening new database connections on every edit.
const globalForDb = globalThis as unknown as { undersignedDb?: Db };

export const db: Db = globalForDb.undersignedDb ?? createDb();
if (process.env.NODE_ENV !== "production") globalForDb.undersignedDb = db;
