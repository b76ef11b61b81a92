// Server-Sent Events for every open viewer of this server process, written straight to Node's
// response objects. Each message is formatted once and written to the viewers that want it, and
// one timer keeps every stream alive: an open viewer costs a socket and a set entry, about 15 KB,
// where a route handler of the App Router held about 80 KB per open stream (decision 018).
import type { IncomingMessage, ServerResponse } from "node:http";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "@/i18n/locales";
import { localeOfApiRequest } from "@/lib/http/pages-api";
import { started } from "@/lib/runtime/started";
import type { Listener, LiveMessage } from "./live";

/** A viewer whose unsent output passes this is not reading; it is dropped and its browser reconnects. */
const STALLED_BYTES = 256 * 1024;
const KEEP_ALIVE_MS = 20_000;
const EVERYTHING = "";
/** Petitions whose last sent count is remembered; the oldest goes first. */
const MAX_SENT = 10_000;

export type StreamHub = {
  /** Serves one viewer until it hangs up: counts and events of one petition, or of all. */
  open: (req: IncomingMessage, res: ServerResponse, petitionId: string | null) => void;
  viewers: () => number;
  /** Ends every stream (tests and shutdown). */
  close: () => void;
};

export function createStreamHub(subscribe: (listener: Listener) => () => void, options: { keepAliveMs?: number } = {}): StreamHub {
  const byPetition = new Map<string, Set<ServerResponse>>();
  let count = 0;
  let unsubscribe: (() => void) | null = null;
  let keepAlive: NodeJS.Timeout | null = null;
  /** The last count sent for each petition, while anyone watches. */
  const sent = new Map<string, number>();

  const drop = (key: string, res: ServerResponse) => {
    const set = byPetition.get(key);
    if (!set?.delete(res)) return;
    count--;
    if (set.size === 0) byPetition.delete(key);
    if (count === 0) stop();
  };

  /** Each viewer's language, from its request: events are sent with their summary in it. */
  const localeOf = new WeakMap<ServerResponse, Locale>();

  const write = (key: string, chunk: string | Record<Locale, string>) => {
    const set = byPetition.get(key);
    if (!set) return;
    for (const res of set) {
      if (res.writableLength > STALLED_BYTES) {
        drop(key, res);
        res.destroy();
      } else {
        res.write(typeof chunk === "string" ? chunk : chunk[localeOf.get(res) ?? DEFAULT_LOCALE]);
      }
    }
  };

  const onMessage = (message: LiveMessage) => {
    if (message.type === "count") {
      // The hub's reads overlap (lib/live/live.ts), so the same count comes more than once; each
      // viewer needs it once (a viewer that joined since has it from the page or the next change).
      if (sent.get(message.petitionId) === message.signatureCount) return;
      sent.set(message.petitionId, message.signatureCount);
      while (sent.size > MAX_SENT) sent.delete(sent.keys().next().value!);
      const chunk = `event: count\ndata: ${JSON.stringify({ id: message.petitionId, signatureCount: message.signatureCount })}\n\n`;
      write(message.petitionId, chunk);
      write(EVERYTHING, chunk);
    } else {
      // Formatted once per language, not once per viewer.
      const { summaries, ...event } = message.event;
      const chunk = Object.fromEntries(
        LOCALES.map((l) => [l, `event: event\ndata: ${JSON.stringify({ ...event, summary: summaries?.[l] ?? event.summary })}\n\n`]),
      ) as Record<Locale, string>;
      const subject = event.subject?.id;
      if (subject) write(subject, chunk);
      write(EVERYTHING, chunk);
    }
  };

  // The hub is listened to only while someone watches, so an idle server reads nothing.
  const start = () => {
    unsubscribe = subscribe(onMessage);
    keepAlive = setInterval(() => {
      for (const key of [...byPetition.keys()]) write(key, ": keep-alive\n\n");
    }, options.keepAliveMs ?? KEEP_ALIVE_MS);
    keepAlive.unref();
  };
  function stop() {
    sent.clear();
    unsubscribe?.();
    unsubscribe = null;
    if (keepAlive) clearInterval(keepAlive);
    keepAlive = null;
  }

  return {
    open(req, res, petitionId) {
      const key = petitionId ?? EVERYTHING;
      res.writeHead(200, {
        "Content-Type": "text/event-stream; charset=utf-8",
        "Cache-Control": "no-cache, no-transform",
        Connection: "keep-alive",
        "X-Accel-Buffering": "no",
      });
      // Ask browsers to wait 3 s before reconnecting after a drop.
      res.write("retry: 3000\n: connected\n\n");
      localeOf.set(res, localeOfApiRequest(req));
      let set = byPetition.get(key);
      if (!set) byPetition.set(key, (set = new Set()));
      set.add(res);
      if (count++ === 0) start();
      const hangUp = () => drop(key, res);
      req.once("close", hangUp);
      res.once("close", hangUp);
    },
    viewers: () => count,
    close() {
      for (const set of byPetition.values()) for (const res of set) res.end();
      byPetition.clear();
      count = 0;
      stop();
    },
  };
}

// The stream route is a Pages Router API route, whose bundle may not import server-only modules
// (the database, the hub). The server starts one stream hub in instrumentation.ts and leaves it
// here, on globalThis, where the route finds it.
const slot = started<StreamHub>("undersignedStreamHub");
export const keepStreamHub = slot.keep;
export const runningStreamHub = slot.running;
