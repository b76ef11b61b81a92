// next-intl's per-request configuration (docs/decisions/029): the language from the remembered
// choice or Accept-Language, and that language's messages. Dates and numbers are formatted in UTC,
// so the server and every browser write the same day and time.
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { formatCacheFor, type FormatCache } from "./format-cache";
import { LOCALE_COOKIE, localeFor } from "./locales";
import { messagesFor } from "./messages";

/**
 * The language's compiled messages, kept across requests (i18n/format-cache.ts). `_cache` is
 * next-intl's own option for this (createTranslator's): the request config passes it through to
 * every server translator, which otherwise makes a new cache per request and compiles every
 * message with values again on each page view (issue 15).
 */
const kept = (cache: FormatCache) => ({ _cache: cache });

export default getRequestConfig(async () => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const locale = localeFor(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get("accept-language"));
  return { locale, messages: messagesFor(locale), timeZone: "UTC", ...kept(formatCacheFor(locale)) };
});
