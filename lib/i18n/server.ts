import "server-only";
// The request's language on the server, for async server components, server actions and route
// handlers (docs/decisions/029).
import { getLocale } from "next-intl/server";
import { formatFor, type Format } from "@/lib/format";
import { isLocale, DEFAULT_LOCALE, type Locale } from "@/i18n/locales";

export async function requestLocale(): Promise<Locale> {
  const locale = await getLocale();
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}

/** The formatter for the request's language. */
export async function getFormat(): Promise<Format> {
  return formatFor(await requestLocale());
}
