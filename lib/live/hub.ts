import "server-only";
// The server's live-update hub (./live.ts): polling on SQLite, LISTEN/NOTIFY on PostgreSQL.
import { serverConfig } from "@/lib/config";
import { db } from "@/lib/db/server";
import { createLiveHub, type LiveHub, type Listener } from "./live";

export type { LiveMessage } from "./live";

let hub: LiveHub | null = null;

export function subscribe(listener: Listener): () => void {
  hub ??= createLiveHub(db, { tickMs: serverConfig().UNDERSIGNED_LIVE_TICK_MS });
  return hub.subscribe(listener);
}
