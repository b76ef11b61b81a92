// The public count's answer, prepared once per version and kept in memory (issue 15, point 3;
// decision 015): `GET /api/petitions/{id}/count` then costs a map lookup and a header comparison,
// no query, no JSON and no hash, for as long as the entry is fresh.
//
// Freshness: an entry lives COUNT_FRESH_SECONDS at most, the same interval the answer's
// `Cache-Control: max-age` gives browsers, proxies and CDNs, so a count is never more than that
// old anywhere (plus a shared cache's own max-age, the same again). On the server that ran the
// command, a change shows at once: signing, withdrawing and writing a batch of anonymous
// signatures drop the entry (invalidatePetitionCount), and so does everything that invalidates
// the petition's public data (hiding it, among others; public-cache.ts). An entry never outlives
// the petition's closing time, when its state turns "closed" by itself.
//
// Kept on globalThis, as public-cache.ts is: the route and the commands are in different bundles.
import { fitting } from "@/lib/api/reply";
import { publicCountSchema } from "@/lib/api/schemas";
import type { Db } from "@/lib/db/client";
import { announceLocalChange } from "@/lib/live/changes";
import { prepareCacheable, type Cacheable } from "@/lib/http/conditional";
import { COUNT_FRESH_SECONDS } from "./count-freshness";
import { getPublicCountVersion } from "./queries";

export { COUNT_CACHE_CONTROL, COUNT_FRESH_SECONDS } from "./count-freshness";

/** Petitions kept at once; the oldest entry goes first. */
const MAX_ENTRIES = 2_000;

type Entry = { value: Promise<Cacheable | null>; expires: number };
type Store = { entries: Map<string, Entry> };

const KEY = Symbol.for("undersigned.petition-count-cache");

function store(): Store {
  const g = globalThis as { [KEY]?: Store };
  return (g[KEY] ??= { entries: new Map() });
}

/**
 * The prepared answer for a public petition's count, or null when there is no public petition with
 * this id (not kept: a petition that opens a moment later is counted at once). Concurrent requests
 * for a missing entry share one read; a failed read is not kept.
 */
export function cachedPublicCount(db: Db, petitionId: string, now: number = Date.now()): Promise<Cacheable | null> {
  const { entries } = store();
  const hit = entries.get(petitionId);
  if (hit && hit.expires > now) return hit.value;
  entries.delete(petitionId);
  const entry: Entry = { value: Promise.resolve(null), expires: now + COUNT_FRESH_SECONDS * 1000 };
  entry.value = getPublicCountVersion(db, petitionId, new Date(now)).then((version) => {
    if (!version) {
      forget(entry, petitionId);
      return null;
    }
    if (version.changesAt) entry.expires = Math.min(entry.expires, version.changesAt.getTime());
    return prepareCacheable(fitting(publicCountSchema, version.count), version.modifiedAt);
  });
  entry.value.catch(() => forget(entry, petitionId));
  entries.set(petitionId, entry);
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return entry.value;
}

function forget(entry: Entry, petitionId: string) {
  const { entries } = store();
  if (entries.get(petitionId) === entry) entries.delete(petitionId);
}

/**
 * Drops a petition's prepared count: the next request reads it afresh, and the live hub reads the
 * change now rather than at its next tick (lib/live/changes.ts).
 */
export function invalidatePetitionCount(petitionId: string | null | undefined): void {
  if (!petitionId) return;
  store().entries.delete(petitionId);
  announceLocalChange();
}

/** Drops every prepared count. */
export function invalidateAllPetitionCounts(): void {
  store().entries.clear();
}
