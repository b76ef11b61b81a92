// Live updates for Server-Sent Events: one hub per server process fans changes out to every open
// stream, so a thousand viewers cost one read, not a thousand (docs/decisions/010, 014).
//
// How the hub learns about changes depends on the database:
// - SQLite (one server): it tails the database, every tick (500 ms) while anyone is connected,
//   for new timeline events and petitions whose `updatedAt` moved, and within NUDGE_GAP_MS of a
//   count change this server made (./changes.ts), so its viewers need not wait for the tick.
// - PostgreSQL (several servers): it LISTENs on the `undersigned_live` channel. Triggers
//   (prisma/postgres/migrations/*_live_notify) announce every new event and every change of a
//   petition's count or state when the writing transaction commits, on whichever server it ran.
//   Counts arrive with the notification, in commit order; events are read by id. Nothing is read
//   while nothing changes, and delivery does not depend on the servers' clocks agreeing. If the
//   listening connection drops, the hub reconnects and catches up by tailing from the moment it
//   was lost. Within one tick, notifications are coalesced: one message per petition, one read
//   for all new events.
import pg from "pg";
import { dbInfo, type Db } from "@/lib/db/client";
import { eventsByIds, eventsSince, type LiveEvent } from "@/lib/timeline/queries";
import { onLocalChange } from "./changes";

export type LiveMessage =
  | { type: "event"; event: LiveEvent }
  | { type: "count"; petitionId: string; signatureCount: number };

export type Listener = (message: LiveMessage) => void;

export type LiveHub = {
  /** "poll" on SQLite, "notify" on PostgreSQL. */
  mode: "poll" | "notify";
  subscribe: (listener: Listener) => () => void;
  /** Stops reading and listening (tests and shutdown). */
  close: () => Promise<void>;
};

export const LIVE_CHANNEL = "undersigned_live";

type Source = { stop: () => Promise<void> };
type Emit = (message: LiveMessage) => void;
const PUBLIC_STATES = new Set(["open", "closed"]);

/** Reads what changed after `since`: events oldest first, and the petitions whose row moved. */
async function readChanges(db: Db, since: Date) {
  const [events, petitions] = await Promise.all([
    eventsSince(db, since),
    db.petition.findMany({ where: { updatedAt: { gt: since }, state: { in: ["open", "closed"] } }, select: { id: true, signatureCount: true, state: true } }),
  ]);
  return { events, petitions };
}

/** After a change on this server, the polling hub reads within this long instead of at its next tick. */
export const NUDGE_GAP_MS = 50;

function pollingSource(db: Db, tickMs: number, emit: Emit): Source {
  let since = new Date(Date.now() - 1000);
  let running = false;
  let again = false;
  let lastTick = 0;
  let nudged: NodeJS.Timeout | null = null;
  const tick = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    lastTick = Date.now();
    try {
      const now = new Date();
      const { events, petitions } = await readChanges(db, since);
      // Move on to the newest thing seen, or to just before now (a write may still be committing
      // with an earlier timestamp; a small overlap is fine because clients ignore repeats).
      const newest = events.at(-1)?.at;
      since = newest ? new Date(Math.max(new Date(newest).getTime(), since.getTime())) : new Date(Math.max(since.getTime(), now.getTime() - 2000));
      for (const p of petitions) emit({ type: "count", petitionId: p.id, signatureCount: p.signatureCount });
      for (const event of events) emit({ type: "event", event });
    } catch {
      console.error("[live] reading changes failed");
    } finally {
      running = false;
      if (again) {
        again = false;
        nudge();
      }
    }
  };
  // A change this server made (lib/live/changes.ts): read it now, at most once per NUDGE_GAP_MS,
  // so a viewer waits for the write to the sockets, not for the next tick.
  const nudge = () => {
    if (nudged) return;
    nudged = setTimeout(() => {
      nudged = null;
      void tick();
    }, Math.max(0, lastTick + NUDGE_GAP_MS - Date.now()));
    nudged.unref();
  };
  const unlisten = onLocalChange(nudge);
  const timer = setInterval(() => void tick(), tickMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      if (nudged) clearTimeout(nudged);
      unlisten();
    },
  };
}

type Notice = { event: string } | { petition: string; count: number; state: string };

function parseNotice(payload: string | undefined): Notice | null {
  try {
    const n = JSON.parse(payload ?? "") as Record<string, unknown>;
    if (typeof n.event === "string") return { event: n.event };
    if (typeof n.petition === "string" && typeof n.count === "number" && typeof n.state === "string") {
      return { petition: n.petition, count: n.count, state: n.state };
    }
  } catch {
    // not ours
  }
  return null;
}

function notifySource(db: Db, url: string, tickMs: number, emit: Emit): Source {
  let stopped = false;
  let client: pg.Client | null = null;
  let retryMs = 250;
  let reconnectTimer: NodeJS.Timeout | null = null;
  // Catch up from here once listening (again): streams get the last second on start, as with
  // polling, and whatever happened while the connection was down.
  let catchUpFrom: Date | null = new Date(Date.now() - 1000);
  const counts = new Map<string, { count: number; state: string }>();
  const eventIds = new Set<string>();
  const notifiedSinceListen = new Set<string>();
  let flushTimer: NodeJS.Timeout | null = null;
  let lastFlush = 0;

  const flush = async () => {
    flushTimer = null;
    lastFlush = Date.now();
    const pendingCounts = [...counts];
    const ids = [...eventIds];
    counts.clear();
    eventIds.clear();
    for (const [petitionId, { count, state }] of pendingCounts) {
      if (PUBLIC_STATES.has(state)) emit({ type: "count", petitionId, signatureCount: count });
    }
    if (ids.length === 0) return;
    try {
      for (const event of await eventsByIds(db, ids)) emit({ type: "event", event });
    } catch {
      console.error("[live] reading new events failed");
      for (const id of ids) eventIds.add(id);
      scheduleFlush();
    }
  };
  const scheduleFlush = () => {
    if (flushTimer || stopped) return;
    flushTimer = setTimeout(() => void flush(), Math.max(0, lastFlush + tickMs - Date.now()));
    flushTimer.unref();
  };

  const catchUp = async (from: Date) => {
    const { events, petitions } = await readChanges(db, new Date(from.getTime() - 2000));
    // A petition announced since LISTEN began has a count at least as new as this read.
    for (const p of petitions) if (!notifiedSinceListen.has(p.id) && !counts.has(p.id)) counts.set(p.id, { count: p.signatureCount, state: p.state });
    for (const e of events) eventIds.add(e.id);
    if (counts.size || eventIds.size) scheduleFlush();
  };

  const lost = (which: pg.Client) => {
    if (client !== which) return;
    client = null;
    which.removeAllListeners("notification");
    which.end().catch(() => {});
    if (stopped) return;
    catchUpFrom ??= new Date();
    console.error("[live] the PostgreSQL listener connection was lost; reconnecting");
    reconnectTimer = setTimeout(() => void connect(), retryMs);
    reconnectTimer.unref();
    retryMs = Math.min(retryMs * 2, 5000);
  };

  const connect = async () => {
    reconnectTimer = null;
    if (stopped) return;
    const c = new pg.Client({ connectionString: url });
    client = c;
    c.on("error", () => lost(c));
    c.on("end", () => lost(c));
    c.on("notification", (message) => {
      if (message.channel !== LIVE_CHANNEL) return;
      const notice = parseNotice(message.payload);
      if (!notice) return;
      if ("event" in notice) eventIds.add(notice.event);
      else {
        counts.set(notice.petition, { count: notice.count, state: notice.state });
        notifiedSinceListen.add(notice.petition);
      }
      scheduleFlush();
    });
    try {
      await c.connect();
      notifiedSinceListen.clear();
      await c.query(`LISTEN ${LIVE_CHANNEL}`);
      if (stopped) return void c.end().catch(() => {});
      retryMs = 250;
      if (catchUpFrom) {
        const from = catchUpFrom;
        catchUpFrom = null;
        await catchUp(from).catch(() => {
          catchUpFrom ??= from;
          console.error("[live] catching up after reconnecting failed");
        });
      }
    } catch {
      lost(c);
    }
  };

  void connect();
  return {
    stop: async () => {
      stopped = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      if (flushTimer) clearTimeout(flushTimer);
      const c = client;
      client = null;
      if (c) {
        c.removeAllListeners("notification");
        await c.end().catch(() => {});
      }
    },
  };
}

export function createLiveHub(db: Db, opts: { tickMs?: number } = {}): LiveHub {
  const tickMs = opts.tickMs ?? 500;
  const info = dbInfo(db);
  const listeners = new Set<Listener>();
  let source: Source | null = null;
  const emit: Emit = (message) => {
    for (const listener of listeners) listener(message);
  };
  const start = () => (info.kind === "postgres" ? notifySource(db, info.url, tickMs, emit) : pollingSource(db, tickMs, emit));
  return {
    mode: info.kind === "postgres" ? "notify" : "poll",
    subscribe(listener) {
      listeners.add(listener);
      source ??= start();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          void source.stop();
          source = null;
        }
      };
    },
    async close() {
      listeners.clear();
      const s = source;
      source = null;
      await s?.stop();
    },
  };
}
