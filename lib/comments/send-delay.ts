// When the browser sends an anonymous comment (docs/decisions/009, "a quiet batch right after
// one collection"). Pure, with no server-only code: the browser's outbox (components/anonymous/
// wallet.ts) and the tests use this one function.
//
// A token collection used to be committed, named, when it happened; a comment published in the
// next batch after it sat right behind it in the WAL (or in `xmin` order), and in a quiet hour "the
// last collector before the batch" named its writer. Collections are now written down only when
// their week is over (lib/anonymity/issuance.ts, decision 028), which is what keeps the database at
// chance. The collection's request still happens at a moment, though, and anything that logs
// requests saw it: so a comment written soon after this browser collected is kept in the browser
// and sent at a random time instead, and the batch that publishes it is one of several, equally
// likely, none of them the first after the collection.

/** A comment written less than this many batch intervals after the collection is held back. */
export const FRESH_BATCHES = 2;
/** How many batch windows the send time is spread over. */
export const SPREAD_BATCHES = 4;

/** A uniform number in [0, 1) from the platform's cryptographic source (browser and Node). */
export function cryptoRandom(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32;
}

export type SendDelayInput = {
  /** Now, in ms since the epoch. */
  now: number;
  /** When this browser last collected tokens (ms), or null if it has not this week. */
  collectedAt: number | null;
  /** The batch interval in ms (UNDERSIGNED_COMMENT_BATCH_SECONDS × 1000). */
  batchMs: number;
  /** A uniform number in [0, 1); cryptographic by default. */
  random?: () => number;
};

/** Whether a comment written `now` is too close to this browser's collection to be sent at once. */
export function isFresh({ now, collectedAt, batchMs }: Omit<SendDelayInput, "random">): boolean {
  if (collectedAt === null) return false;
  // A clock that went backwards also counts as fresh: holding back is the safe side.
  return now < collectedAt + FRESH_BATCHES * batchMs;
}

/**
 * When to send a comment written `now`: null means at once; otherwise a time (ms) drawn
 * uniformly over the SPREAD_BATCHES whole batch windows after the current one. Batches publish
 * at the multiples of `batchMs`, so the comment then appears in the 2nd, 3rd, 4th or 5th batch
 * after it was written, each with probability 1/4, never in the very next one.
 */
export function sendAfter({ now, collectedAt, batchMs, random = cryptoRandom }: SendDelayInput): number | null {
  if (!isFresh({ now, collectedAt, batchMs })) return null;
  const windowEnd = (Math.floor(now / batchMs) + 1) * batchMs;
  const r = Math.min(Math.max(random(), 0), 1 - Number.EPSILON);
  return windowEnd + Math.floor(r * SPREAD_BATCHES * batchMs);
}

/** The batch that publishes a comment sent at `sentAt`: the next multiple of the interval after it (as lib/anonymity/batch.ts). */
export function batchAfter(sentAt: number, batchMs: number): number {
  return (Math.floor(sentAt / batchMs) + 1) * batchMs;
}
