import "server-only";
// Live updates for Server-Sent Events. One loop per server process reads what changed since its
// last look (new timeline events, petitions whose count moved) and fans it out to every open
// stream, so a thousand viewers cost one query per tick, not a thousand. Reading the database
// rather than an in-memory bus means changes made by another process or server arrive too.
import { db } from "@/lib/db/server";
import { eventsSince, type TimelineItem } from "@/lib/timeline/queries";

export type LiveMessage =
  | { type: "event"; event: TimelineItem }
  | { type: "count"; petitionId: string; signatureCount: number };

type Listener = (message: LiveMessage) => void;

const TICK_MS = Number(process.env.UNDERSIGNED_LIVE_TICK_MS ?? 500);
const listeners = new Set<Listener>();
let timer: NodeJS.Timeout | null = null;
let since = new Date();
let running = false;

async function tick() {
  if (running) return;
  running = true;
  try {
    const now = new Date();
    const [events, petitions] = await Promise.all([
      eventsSince(db, since),
      db.petition.findMany({ where: { updatedAt: { gt: since }, state: { in: ["open", "closed"] } }, select: { id: true, signatureCount: true } }),
    ]);
    // Move on to the newest thing seen, or to just before now (a write may still be committing
    // with an earlier timestamp; a small overlap is fine because clients ignore repeats).
    const newest = events.at(-1)?.at;
    since = newest ? new Date(Math.max(new Date(newest).getTime(), since.getTime())) : new Date(Math.max(since.getTime(), now.getTime() - 2000));
    for (const p of petitions) broadcast({ type: "count", petitionId: p.id, signatureCount: p.signatureCount });
    for (const event of events) broadcast({ type: "event", event });
  } catch {
    console.error("[live] reading changes failed");
  } finally {
    running = false;
  }
}

function broadcast(message: LiveMessage) {
  for (const listener of listeners) listener(message);
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  if (!timer) {
    since = new Date(Date.now() - 1000);
    timer = setInterval(() => void tick(), TICK_MS);
    timer.unref();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}
