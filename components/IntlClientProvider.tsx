"use client";
// The client components' strings (messages/<locale>/client.json, docs/decisions/029) come with the
// client code: one script for both languages, which the browser caches, instead of a copy of
// the language's namespaces in every page's React payload (about 15 KB of each petition page,
// serialized, parsed and escaped into the HTML again on every view; issue 15). The page's
// payload carries only the language. Server components' strings never reach the browser.
import { NextIntlClientProvider } from "next-intl";
import type { Locale } from "@/i18n/locales";
import deClient from "@/messages/de/client.json";
import enClient from "@/messages/en/client.json";

const CLIENT_MESSAGES: Record<Locale, typeof enClient> = { en: enClient, de: deClient as typeof enClient };

export function IntlClientProvider({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  return (
    <NextIntlClientProvider locale={locale} messages={CLIENT_MESSAGES[locale]} timeZone="UTC">
      {children}
    </NextIntlClientProvider>
  );
}
