import "server-only";
// The server's live-update hub (./live.ts): polling on SQLite, LISTEN/NOTIFY on PostgreSQL.
import { db } from "@/lib/db/server";
import { createLiveHub, type LiveHub, type Listener } from "./live";

export type { LiveMessage } from "./live";

let hub: LiveHub | null = null;

export function subscribe(listener: Listener): () => void {
  hub ??= createLiveHub(db, { tickMs: Number(process.env.UNDERSIGNED_LIVE_TICK_MS ?? 500) });
  return hub.subscribe(listener);
}
