// The public page cache's memory (docs/decisions/031): the rendered HTML of the pages everyone
// reads the same (lib/page-cache/rules.ts), kept for a couple of seconds and dropped at once when
// this server changes what they show.
//
// - An entry is used for `ttlMs` after its rendering began, then rendered again; concurrent
//   requests for a missing entry share one rendering.
// - purgePublicPages() empties it. The domain commands that change a public page's content call it
//   through invalidatePetitionPublic (lib/petitions/public-cache.ts). A rendering that began before
//   a purge still answers the requests that waited for it (they asked before the change), but it
//   is not kept.
// - At most MAX_BYTES of HTML, least recently used out first.
//
// Kept on globalThis: the proxy, which reads it, and the commands, which purge it, are in
// different bundles of the same process.
import { randomUUID } from "node:crypto";

/** HTML kept at once (UTF-16 code units, about bytes for these pages). */
export const MAX_BYTES = 32 * 1024 * 1024;
/** A page bigger than this share of the cache is rendered each time, so it cannot empty the cache. */
const MAX_ENTRY_BYTES = MAX_BYTES / 16;

export type StoredPage = {
  status: number;
  headers: [string, string][];
  /** The HTML, with the store's placeholder where each response's nonce goes. */
  body: string;
  /** When its rendering began: its data is at least this fresh. */
  renderedAt: number;
};

type Store = {
  entries: Map<string, StoredPage>;
  bytes: number;
  generation: number;
  fills: Map<string, Promise<StoredPage | null>>;
  /** The nonce renderings for the cache are made with, replaced in every response. */
  placeholder: string;
  /** Marks the server's own rendering requests; never leaves the process. */
  secret: string;
};

const KEY = Symbol.for("undersigned.public-page-cache");

// A nonce has the proxy's form (base64 of a UUID), so the placeholder is as unguessable as one.
const newNonce = () => Buffer.from(randomUUID()).toString("base64");

function store(): Store {
  const g = globalThis as { [KEY]?: Store };
  return (g[KEY] ??= { entries: new Map(), bytes: 0, generation: 0, fills: new Map(), placeholder: newNonce(), secret: newNonce() });
}

export function pagePlaceholderNonce(): string {
  return store().placeholder;
}

export function pageFillSecret(): string {
  return store().secret;
}

function remove(key: string) {
  const s = store();
  const entry = s.entries.get(key);
  if (!entry) return;
  s.entries.delete(key);
  s.bytes -= entry.body.length;
}

function keep(key: string, page: StoredPage) {
  const s = store();
  if (page.body.length > MAX_ENTRY_BYTES) return;
  remove(key);
  s.entries.set(key, page);
  s.bytes += page.body.length;
  while (s.bytes > MAX_BYTES) remove(s.entries.keys().next().value!);
}

export type PageLookup = { page: StoredPage; hit: boolean };

/**
 * The page for `key`: from memory when rendered less than `ttlMs` ago, else from `render` (shared
 * by every request that asks meanwhile). Only a 200 is kept. Null when rendering failed; the
 * caller then renders for the request itself.
 */
export async function cachedPublicPage(key: string, ttlMs: number, render: () => Promise<StoredPage | null>, now: number = Date.now()): Promise<PageLookup | null> {
  const s = store();
  const entry = s.entries.get(key);
  if (entry && now - entry.renderedAt < ttlMs) {
    // Most recently used last, so eviction takes the least recently used.
    s.entries.delete(key);
    s.entries.set(key, entry);
    return { page: entry, hit: true };
  }
  if (entry) remove(key);
  let pending = s.fills.get(key);
  if (!pending) {
    const generation = s.generation;
    const filling: Promise<StoredPage | null> = render()
      .catch(() => null)
      .then((page) => {
        if (s.fills.get(key) === filling) s.fills.delete(key);
        if (page?.status === 200 && s.generation === generation) keep(key, page);
        return page;
      });
    pending = filling;
    s.fills.set(key, pending);
  }
  const page = await pending;
  return page ? { page, hit: false } : null;
}

/** Forgets every kept page; renderings under way are not kept. */
export function purgePublicPages(): void {
  const s = store();
  s.entries.clear();
  s.fills.clear();
  s.bytes = 0;
  s.generation++;
}

/** What the cache holds (tests and the benchmark). */
export function publicPageCacheState() {
  const s = store();
  return { entries: s.entries.size, bytes: s.bytes, filling: s.fills.size };
}
