import "server-only";
// The server's live-update hub (./live.ts): polling on SQLite, LISTEN/NOTIFY on PostgreSQL, and the
// streams that fan it out to viewers (./sse.ts). One of each per server process.
import { serverConfig } from "@/lib/config";
import { db } from "@/lib/db/server";
import { createLiveHub, type LiveHub, type Listener } from "./live";
import { createStreamHub, keepStreamHub, type StreamHub } from "./sse";

export type { LiveMessage } from "./live";

let hub: LiveHub | null = null;

export function subscribe(listener: Listener): () => void {
  hub ??= createLiveHub(db, { tickMs: serverConfig().UNDERSIGNED_LIVE_TICK_MS });
  return hub.subscribe(listener);
}

/** Started once by instrumentation.ts; the stream route (pages/api/stream.ts) uses it. */
export function streamHub(): StreamHub {
  return keepStreamHub(() => createStreamHub(subscribe));
}
