// The compiled messages and Intl formatters of each language, kept for the life of the process
// (docs/decisions/029, issue 15). next-intl compiles a message with values (an ICU
// IntlMessageFormat: parse, locale resolution) into a cache it creates for each request, so every
// page view compiled every such message again. The messages are the same for every request in a
// language, so their compiled forms are too: i18n/request.ts hands next-intl this cache, and
// lib/i18n/message.ts renders domain messages through it.
import { _createCache } from "next-intl";
import type { Locale } from "./locales";

export type FormatCache = ReturnType<typeof _createCache>;

const CACHES = new Map<Locale, FormatCache>();

/** The one cache of compiled messages and formatters for a language. */
export function formatCacheFor(locale: Locale): FormatCache {
  let cache = CACHES.get(locale);
  if (!cache) {
    cache = _createCache();
    CACHES.set(locale, cache);
  }
  return cache;
}
