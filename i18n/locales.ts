// The languages the interface speaks, and how a request picks one (docs/decisions/029).
// No URL prefix: a person's choice is one cookie holding "en" or "de", the same for everyone who
// chose that language, so it identifies nobody; without it the browser's Accept-Language decides.
import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";
import { cookieOfHeader } from "@/lib/http/cookies";

export const LOCALES = ["en", "de"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** The cookie that remembers a chosen language (only its value: "en" or "de"). */
export const LOCALE_COOKIE = "lang";
/** A year: long enough that the choice is remembered, short enough to expire for good. */
export const LOCALE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

/** Each language's name in itself, for the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", de: "Deutsch" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The best of our languages for an Accept-Language header ("de-CH,de;q=0.9,en;q=0.8" -> "de"). */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  let requested: string[];
  try {
    requested = new Negotiator({ headers: { "accept-language": acceptLanguage } }).languages().filter((l) => l !== "*");
  } catch {
    return DEFAULT_LOCALE;
  }
  if (requested.length === 0) return DEFAULT_LOCALE;
  try {
    const best = match(requested, [...LOCALES], DEFAULT_LOCALE);
    return isLocale(best) ? best : DEFAULT_LOCALE;
  } catch {
    // A malformed tag in the header ("en_US", "x-?") is no reason to fail the page.
    return DEFAULT_LOCALE;
  }
}

/** The language for a request: the remembered choice, else the browser's preference. */
export function localeFor(cookieValue: string | undefined, acceptLanguage: string | null | undefined): Locale {
  return isLocale(cookieValue) ? cookieValue : negotiateLocale(acceptLanguage);
}

/** The language for a request from its Cookie and Accept-Language headers as sent. */
export function localeOfHeaders(cookieHeader: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  return localeFor(cookieOfHeader(cookieHeader, LOCALE_COOKIE), acceptLanguage);
}
