// Anonymous acts become durable in batches (docs/decisions/009). A request that spends a token
// only puts its item in this process's memory; nothing is written to the database then, so no
// WAL frame, rowid, page or `xmin` follows the moment someone posted. At fixed wall-clock
// instants (multiples of the interval since the epoch, the same on every server), everything
// queued is written in one transaction, in random order. The timing of a batch therefore depends
// on the clock, never on any one post, and its inner order on a shuffle, never on posting order.
//
// Memory is lost in a crash; that is by design. The writer's browser keeps each item until it
// sees it published and re-sends it, and the database's unique index on the spent token makes a
// re-send (or the same item queued on two servers) count once.
import { randomInt } from "node:crypto";
import { outsideRequests } from "@/lib/runtime/outside-requests";

export type BatchOptions<T> = {
  /** For messages: "comments". */
  name: string;
  /** Time between flushes, in milliseconds, read at each scheduling (so settings can change it). */
  intervalMs: () => number;
  /** Identifies an item in the queue (e.g. the spent nonce's hash): one queued item per key. */
  key: (item: T) => string;
  /**
   * Writes the items, already shuffled, in ONE transaction, and returns how many were written.
   * Items it cannot write (a spent token, a deleted thread) it leaves out; they are dropped.
   */
  write: (items: T[], now: Date) => Promise<number>;
  /**
   * Whether a batch may be published now (e.g. enough people hold tokens, or the oldest item has
   * waited long enough). When it answers false, items stay queued for the next flush.
   */
  ready?: (now: Date, waiting: Waiting) => Promise<boolean>;
  /** Most items held at once; beyond it `enqueue` refuses. */
  maxQueued?: number;
};

export type Enqueued = { queued: "new" | "already"; publishAt: Date };
/** What waits when a flush asks `ready`: how many items, and when the oldest of them was queued. */
export type Waiting = { size: number; oldestAt: Date };

export type Batch<T> = {
  /** Queues an item; an item whose key is already queued is not replaced. */
  enqueue(item: T, now?: Date): Enqueued;
  /** The queued item with this key, if any. */
  get(key: string): T | undefined;
  /** Items waiting. */
  size(): number;
  /** When the next flush happens: the next multiple of the interval after `now`. */
  nextFlushAt(now?: Date): Date;
  /** Writes everything queued (from the timer; tests and the demo seed call it directly, the seed with a past date). */
  flush(now?: Date): Promise<{ written: number; held: number }>;
  /** Starts flushing on the wall-clock schedule; returns a function that stops it. */
  start(): () => void;
};

/** Fisher–Yates with a cryptographic random source: the order leaks nothing about arrival. */
export function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export class QueueFullError extends Error {}

/**
 * Calls `tick` at the wall-clock instants `nextAt` names (the same on every server: multiples of
 * an interval, the start of a week), one call at a time; a failure is logged by name only (never
 * data) and the next instant is scheduled anyway. Returns a function that stops it.
 */
export function wallClockTimer(name: string, nextAt: (now: Date) => Date, tick: () => Promise<unknown>): () => void {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    const wait = Math.max(0, nextAt(new Date()).getTime() - Date.now());
    timer = setTimeout(() => {
      void tick()
        .catch((error: unknown) => console.error(`[${name}] batch failed: ${error instanceof Error ? error.name : "error"}`))
        .finally(schedule);
    }, wait);
    timer.unref();
  };
  // Started by the first request that needs it: the timers must not keep that request (its headers,
  // its address) in memory for the life of the process.
  outsideRequests(schedule);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

export function createBatch<T>(options: BatchOptions<T>): Batch<T> {
  // Each item with the moment it was queued (memory only, like the item): the hold rule needs the
  // oldest. Kept here, with the item, so a re-send queued while its batch is being written has
  // its own moment, and an item never waits without one.
  const queue = new Map<string, { item: T; at: number }>();
  const max = options.maxQueued ?? 10_000;
  let flushing: Promise<{ written: number; held: number }> | null = null;

  const nextFlushAt = (now = new Date()) => {
    const every = Math.max(1, options.intervalMs());
    return new Date((Math.floor(now.getTime() / every) + 1) * every);
  };

  async function run(now: Date): Promise<{ written: number; held: number }> {
    if (queue.size === 0) return { written: 0, held: 0 };
    const waiting = { size: queue.size, oldestAt: new Date(Math.min(...[...queue.values()].map((q) => q.at))) };
    if (options.ready && !(await options.ready(now, waiting))) return { written: 0, held: queue.size };
    const taken = [...queue.entries()];
    queue.clear();
    try {
      const written = await options.write(shuffle(taken.map(([, queued]) => queued.item)), now);
      return { written, held: 0 };
    } catch (error) {
      // Nothing was written (one transaction): put everything back for the next flush, unless a
      // re-send queued the same key meanwhile.
      for (const [key, queued] of taken) if (!queue.has(key)) queue.set(key, queued);
      throw error;
    }
  }

  return {
    enqueue(item, now = new Date()) {
      const key = options.key(item);
      if (queue.has(key)) return { queued: "already", publishAt: nextFlushAt(now) };
      if (queue.size >= max) throw new QueueFullError(`${options.name}: queue full`);
      queue.set(key, { item, at: now.getTime() });
      return { queued: "new", publishAt: nextFlushAt(now) };
    },
    get: (key) => queue.get(key)?.item,
    size: () => queue.size,
    nextFlushAt,
    flush(now) {
      // One flush at a time; a second call waits for the running one and then flushes again.
      const next = (flushing ?? Promise.resolve()).catch(() => undefined).then(() => run(now ?? new Date()));
      flushing = next;
      next.then(
        () => undefined,
        () => undefined,
      ).finally(() => {
        if (flushing === next) flushing = null;
      });
      return next;
    },
    start() {
      return wallClockTimer(options.name, nextFlushAt, () => this.flush());
    },
  };
}
