// A short-lived, in-process cache of what a public petition's page shows everyone: organizers,
// rendered background, responses, updates, comments, the number of named signers (decision 019).
// Per-request parts (the petition row with its count, state and moderation; the viewer's own
// signature, follow and permissions) are never cached. Domain commands that change what is kept
// here call invalidatePetitionPublic, so the writer's server shows the change at once; other
// servers show it within PUBLIC_TTL_MS. The same calls empty this server's cache of rendered public
// pages (lib/page-cache, decision 031): a changed petition shows in its page, the list, the
// timeline and the home page.
//
// Kept on globalThis: Next.js bundles pages, server actions and route handlers separately, and
// every bundle must see the same store for an invalidation to reach the page.
import { purgePublicPages } from "@/lib/page-cache/store";
import { invalidateAllPetitionCounts, invalidatePetitionCount } from "./count-cache";

/** How long another server (one that did not run the command) may show the previous data. */
export const PUBLIC_TTL_MS = 5_000;
/** Public petitions kept at once; the oldest entry goes first. */
const MAX_ENTRIES = 500;

type Entry = { value: Promise<unknown>; expires: number };
type Store = { entries: Map<string, Entry> };

const KEY = Symbol.for("undersigned.petition-public-cache");

function store(): Store {
  const g = globalThis as { [KEY]?: Store };
  return (g[KEY] ??= { entries: new Map() });
}

/**
 * The cached value for a petition, loading it once for all concurrent requests when absent or
 * older than the TTL. A failed load is not kept.
 */
export function cachedPetitionPublic<T>(petitionId: string, load: () => Promise<T>, now: number = Date.now()): Promise<T> {
  const { entries } = store();
  const hit = entries.get(petitionId);
  if (hit && hit.expires > now) return hit.value as Promise<T>;
  entries.delete(petitionId);
  const value = load();
  const entry: Entry = { value, expires: now + PUBLIC_TTL_MS };
  entries.set(petitionId, entry);
  value.catch(() => {
    if (entries.get(petitionId) === entry) entries.delete(petitionId);
  });
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return value;
}

/**
 * Forgets a petition's cached public data; the next view loads it afresh. Called by the domain
 * commands that change it: signing and withdrawing (named signers), responses and their
 * commitments, organizer updates, comments and their moderation, hiding and appeals.
 */
export function invalidatePetitionPublic(petitionId: string | null | undefined): void {
  if (petitionId) store().entries.delete(petitionId);
  purgePublicPages();
  // Hiding, appeals and the like change the public count's answer too (a hidden petition has none).
  invalidatePetitionCount(petitionId);
}

/** Forgets every petition's cached public data (a change that touches many, such as a program's). */
export function invalidateAllPetitionPublic(): void {
  store().entries.clear();
  purgePublicPages();
  invalidateAllPetitionCounts();
}
