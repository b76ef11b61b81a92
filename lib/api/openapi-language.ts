// The OpenAPI document's texts in the reader's language, for the /developers page. The document
// itself (./openapi.ts, served at /api/openapi.json) stays English: it is the machine-readable
// contract. Its German texts are in i18n/openapi.de.json, keyed by where each text sits in the
// document: a JSON pointer ("/paths/~1api~1petitions/get/summary"), except that an element of an
// array that has a `name` (a parameter) is addressed by that name rather than by its index, so a
// renamed route, field or parameter leaves a stale key behind. test/unit/openapi-language.test.ts
// fails on a missing, stale, empty or untranslated entry (docs/decisions/029).
import type { Locale } from "@/i18n/locales";
import germanTexts from "@/i18n/openapi.de.json";
import { openApiDocument } from "./openapi";

/** Texts in one language, keyed by their place in the document. */
export type DocumentTranslations = Readonly<Record<string, string>>;

const TRANSLATIONS: Partial<Record<Locale, DocumentTranslations>> = { de: germanTexts };

const escape = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");

/** The pointer segment of an array element: its `name` when it has one, else its index. */
function elementSegment(element: unknown, index: number): string {
  const name = element && typeof element === "object" ? (element as { name?: unknown }).name : undefined;
  return typeof name === "string" ? escape(name) : String(index);
}

/** A string that people read: every `summary` and `description`, and why a route is left out. */
const isText = (parent: string, key: string) => key === "description" || key === "summary" || parent === "/x-undocumented-routes";
/**
 * A tag's name, which the page shows as a heading. It is also the tag's identity (each operation
 * names its tags), so the localized document keeps it and `tagName` gives its text.
 */
const isTagName = (parent: string, key: string) => key === "name" && /^\/tags\/[^/]+$/.test(parent);
const tagPlace = (name: string) => `/tags/${escape(name)}/name`;

/** Every text of the document a reader reads, keyed by its place, in the document's order. */
export function documentTexts(doc: unknown): Map<string, string> {
  const texts = new Map<string, string>();
  const walk = (value: unknown, pointer: string) => {
    if (Array.isArray(value)) value.forEach((element, i) => walk(element, `${pointer}/${elementSegment(element, i)}`));
    else if (value && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) {
        const place = `${pointer}/${escape(key)}`;
        if (typeof child === "string" && (isText(pointer, key) || isTagName(pointer, key))) texts.set(place, child);
        else walk(child, place);
      }
    }
  };
  walk(doc, "");
  return texts;
}

/** Texts of the document the translation has no (non-blank) text for. */
export function untranslatedTexts(doc: unknown, translations: DocumentTranslations): string[] {
  return [...documentTexts(doc).keys()].filter((key) => !translations[key]?.trim());
}

/** Entries of the translation that name no text of the document (left behind by a removal or a rename). */
export function staleTexts(doc: unknown, translations: DocumentTranslations): string[] {
  const texts = documentTexts(doc);
  return Object.keys(translations).filter((key) => !texts.has(key));
}

export type LocalizedDocument<T> = {
  /** The document with the same structure, each text in the language asked for where it has one. */
  document: T;
  /** The lang attribute a text of `document` needs on a page in that language: none unless it is still English. */
  langOf: (text: string) => Locale | undefined;
  /** A tag's name (the document's `tags[].name`, which stays as it is) in that language. */
  tagName: (name: string) => string;
};

/**
 * The document with its texts in a language: English as generated, another language from its
 * translation file. Only texts change; every key, type, route and example stays. A text without a
 * translation stays English and `langOf` says so, rather than being made up. Tags keep their names
 * (operations refer to them by name); `tagName` gives the name to show.
 */
export function localizeDocument<T>(doc: T, locale: Locale, translations = TRANSLATIONS[locale]): LocalizedDocument<T> {
  if (locale === "en" || !translations) return { document: doc, langOf: () => (locale === "en" ? undefined : "en"), tagName: (name) => name };
  const translated = new Set<string>();
  const tagName = (name: string) => {
    const text = translations[tagPlace(name)]?.trim();
    if (!text) return name;
    translated.add(text);
    return text;
  };
  const walk = (value: unknown, pointer: string): unknown => {
    if (Array.isArray(value)) return value.map((element, i) => walk(element, `${pointer}/${elementSegment(element, i)}`));
    if (!value || typeof value !== "object") return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => {
        const place = `${pointer}/${escape(key)}`;
        if (typeof child !== "string" || !isText(pointer, key)) return [key, walk(child, place)];
        const text = translations[place]?.trim();
        if (!text) return [key, child];
        translated.add(text);
        return [key, text];
      }),
    );
  };
  const document = walk(doc, "") as T;
  const tags = (doc as { tags?: { name?: unknown }[] }).tags ?? [];
  for (const { name } of tags) if (typeof name === "string") tagName(name);
  return { document, langOf: (text) => (translated.has(text) ? undefined : "en"), tagName };
}

const cache = new Map<Locale, LocalizedDocument<Record<string, unknown>>>();
/** The OpenAPI document in a language; made once per language, as the document is made once. */
export function openApiDocumentIn(locale: Locale): LocalizedDocument<Record<string, unknown>> {
  let localized = cache.get(locale);
  if (!localized) cache.set(locale, (localized = localizeDocument(openApiDocument(), locale)));
  return localized;
}
