// Every interface string, per language, in message files (docs/decisions/029). Each file is owned
// by one part of the code and holds whole namespaces; a namespace lives in exactly one file (a test
// checks). client.json holds every namespace a client component uses: only that file is sent to
// the browser (with the client code, components/IntlClientProvider.tsx), so pages do not carry
// the server's strings. The merged messages are built once per language, when this loads.
import deClient from "@/messages/de/client.json";
import deCommon from "@/messages/de/common.json";
import deComponents from "@/messages/de/components.json";
import deDomain from "@/messages/de/domain.json";
import dePages from "@/messages/de/pages.json";
import enClient from "@/messages/en/client.json";
import enCommon from "@/messages/en/common.json";
import enComponents from "@/messages/en/components.json";
import enDomain from "@/messages/en/domain.json";
import enPages from "@/messages/en/pages.json";
import type { Locale } from "./locales";

export const MESSAGE_FILES = {
  en: { common: enCommon, client: enClient, components: enComponents, pages: enPages, domain: enDomain },
  de: { common: deCommon, client: deClient, components: deComponents, pages: dePages, domain: deDomain },
} as const;

const english = { ...enCommon, ...enClient, ...enComponents, ...enPages, ...enDomain };
/** English is the reference: every language has exactly its keys (test/unit/messages.test.ts). */
export type Messages = typeof english;

const ALL: Record<Locale, Messages> = {
  en: english,
  de: { ...deCommon, ...deClient, ...deComponents, ...dePages, ...deDomain } as Messages,
};

export function messagesFor(locale: Locale): Messages {
  return ALL[locale];
}
