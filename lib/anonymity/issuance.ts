// Token collections become durable when their week is over, not when they happen
// (docs/decisions/028).
//
// A collection written when it happens is the one named commit in the anonymous path: whoever
// replays the WAL, or reads `xmin`, sees "X collected" at that moment and can set it against the
// comments that follow (in a quiet stretch, the last collector before a batch is a good guess,
// because people write on the visit that collects). Writing collections at the comment batches'
// instants would not help: the order "X's collection, then X's comment" stays the same. What
// helps is a record whose time does not follow the collection at all. So this process keeps the
// week's collections in memory, counted together with the database for every allowance check,
// and writes them when the ISO week ends (Monday 00:00 UTC, the same instant on every server and
// the instant the weekly key changes anyway), all in one transaction, in random order. The
// database then says who collected in which week, which is all the product says it keeps, never
// when in the week, nor whether before or after any comment.
//
// Memory is lost in a crash or a restart. What is lost is the count of tokens already handed
// out that week, not the tokens: a person whose collection was pending can collect the allowance
// once more, and so can one who reaches another server (each keeps its own pending collections).
// The browser does not (it collects once a week, components/anonymous/wallet.ts); a second device
// or a deliberate client can. The record written later adds up what every server issued, so
// over-collection shows in the stored count afterwards. Tokens limit how many comments a person
// can write; the anonymity of a comment does not depend on them being scarce.
import type { Db } from "@/lib/db/client";
import { dbInfo } from "@/lib/db/client";
import { addTokenIssuance } from "@/lib/db/statements";
import { shuffle, wallClockTimer } from "./batch";
import { isoWeek, nextWeekStart } from "./week";

type PendingIssuance = { userId: string; week: string; purpose: string; issued: number };
type Store = { pending: Map<string, PendingIssuance>; lock: Promise<unknown>; timer: boolean };

// Kept on globalThis, per database URL: Next.js bundles route handlers separately, and the
// comment route (the crowd) must see the collections the token route holds.
const KEY = Symbol.for("undersigned.pending-issuances");
const byClient = new WeakMap<Db, Store>();

function store(db: Db): Store {
  const fresh = (): Store => ({ pending: new Map(), lock: Promise.resolve(), timer: false });
  let url: string | null = null;
  try {
    url = dbInfo(db).url;
  } catch {
    // A client not made by createDb: one store for that client.
  }
  if (url === null) {
    let own = byClient.get(db);
    if (!own) byClient.set(db, (own = fresh()));
    return own;
  }
  const g = globalThis as { [KEY]?: Map<string, Store> };
  const all = (g[KEY] ??= new Map());
  let s = all.get(url);
  if (!s) all.set(url, (s = fresh()));
  return s;
}

const keyOf = (userId: string, week: string, purpose: string) => JSON.stringify([userId, week, purpose]);

/**
 * Runs `fn` alone among this process's collections and record writes for the database, so a
 * collection's check (stored count plus pending) and its reservation cannot interleave with
 * another collection or with the write that moves pending counts into the database.
 */
export function exclusively<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const s = store(db);
  const run = s.lock.then(() => fn());
  s.lock = run.catch(() => undefined);
  return run;
}

/** Tokens issued to this person for this week and purpose that are not yet written down. */
export function pendingIssued(db: Db, userId: string, week: string, purpose: string): number {
  return store(db).pending.get(keyOf(userId, week, purpose))?.issued ?? 0;
}

/** Counts tokens just issued; call inside `exclusively`, after the check. */
export function reserveIssued(db: Db, userId: string, week: string, purpose: string, issued: number): void {
  const s = store(db).pending;
  const key = keyOf(userId, week, purpose);
  const row = s.get(key);
  if (row) row.issued += issued;
  else s.set(key, { userId, week, purpose, issued });
}

/** People with pending collections for one of these weeks. */
export function pendingPeople(db: Db, weeks: string[], purpose: string): string[] {
  return [...new Set([...store(db).pending.values()].filter((p) => p.purpose === purpose && p.issued > 0 && weeks.includes(p.week)).map((p) => p.userId))];
}

/**
 * What a crash or a restart does to this process: the pending collections are gone (the tokens
 * handed out are not). Tests use it to show what that allows.
 */
export function forgetPendingIssuances(db: Db): void {
  store(db).pending.clear();
}

/** How many collections wait to be written. */
export const pendingCount = (db: Db) => store(db).pending.size;

/**
 * Writes the pending collections of every week that is over by `until` (by default now: the
 * weeks before this one) in one transaction, in random order, adding to what is stored (another
 * server, or this one before a restart, may have written the same person's week). Collections of
 * accounts deleted meanwhile are dropped. The timer calls this when a week begins; tests and the
 * demo seed call it directly, with a later `until` to write the current week too.
 */
export function flushIssuances(db: Db, { until = new Date() }: { until?: Date } = {}): Promise<{ written: number }> {
  const before = isoWeek(until);
  return exclusively(db, async () => {
    const s = store(db);
    // ISO weeks ("2026-W05") sort as text.
    const taken = [...s.pending.entries()].filter(([, p]) => p.week < before);
    if (taken.length === 0) return { written: 0 };
    for (const [key] of taken) s.pending.delete(key);
    try {
      const written = await db.$transaction(async (tx) => {
        const alive = new Set((await tx.user.findMany({ where: { id: { in: [...new Set(taken.map(([, p]) => p.userId))] } }, select: { id: true } })).map((u) => u.id));
        let n = 0;
        for (const [, p] of shuffle(taken.filter(([, x]) => alive.has(x.userId)))) {
          await addTokenIssuance(tx, p);
          n++;
        }
        return n;
      });
      return { written };
    } catch (error) {
      // Nothing was written (one transaction): the counts go back for the next try.
      for (const [, p] of taken) reserveIssued(db, p.userId, p.week, p.purpose, p.issued);
      throw error;
    }
  });
}

/** After a failed write, how long until the next try (not a week). */
const RETRY_MS = 60_000;

/**
 * Starts this process's timer for a database, once (the token route calls it): at every week's
 * start, and a minute after a write that failed while collections of a week that is over still
 * wait (a retry's time depends on the failure, never on a collection).
 */
export function startIssuanceRecords(db: Db): void {
  const s = store(db);
  if (s.timer) return;
  s.timer = true;
  const overdue = (now: Date) => [...s.pending.values()].some((p) => p.week < isoWeek(now));
  wallClockTimer("token collections", (now) => (overdue(now) ? new Date(now.getTime() + RETRY_MS) : nextWeekStart(now)), () => flushIssuances(db));
}
