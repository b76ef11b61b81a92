// Messages the domain and its adapters give people (docs/decisions/029): a key into
// messages/<locale>/domain.json and its values, rendered when someone reads it. A DomainError's
// `message` is the English rendering (logs and tests read English); the adapters (server actions,
// /api routes, the request guard) render the same message in the request's language.
// Never a sentence made of translated fragments: a value is a name, a number, a date, or one
// whole message of its own (a field's label).
import { createTranslator } from "next-intl";
import { DEFAULT_LOCALE, type Locale } from "@/i18n/locales";
import { formatCacheFor } from "@/i18n/format-cache";
import { messagesFor } from "@/i18n/messages";
import { formatFor } from "@/lib/format";
import type enClient from "@/messages/en/client.json";
import type enDomain from "@/messages/en/domain.json";

type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every message key in domain.json ("Errors.petitions.notFound"). */
export type DomainKey = Leaves<typeof enDomain>;

/** A name from the interface's own lists in client.json ("Roles.leadership", "ProgramStatus.paused"). */
export type LabelKey = Leaves<typeof enClient>;

/** A day or a time of day, written by the formatter of the reader's language. */
export type When = { readonly day: Date } | { readonly time: Date };
/** Text made outside the message files for each language (zod's own words for a type error). */
export type PerLocale = { readonly text: Readonly<Record<Locale, string>> };
/** One of the interface's names, in the reader's language. */
export type Label = { readonly label: LabelKey };
export type MessageValue = string | number | When | PerLocale | Label | DomainMessage;
export type DomainMessage = { readonly key: DomainKey; readonly values?: Readonly<Record<string, MessageValue>> };

/** A message by its key, with the values its placeholders take. */
export function msg(key: DomainKey, values?: Record<string, MessageValue>): DomainMessage {
  return values ? { key, values } : { key };
}

export const day = (date: Date): When => ({ day: date });
export const label = (key: LabelKey): Label => ({ label: key });
export const time = (date: Date): When => ({ time: date });

export function isDomainMessage(value: unknown): value is DomainMessage {
  return typeof value === "object" && value !== null && typeof (value as DomainMessage).key === "string";
}

type Translate = (key: string, values?: Record<string, string | number>) => string;
const translators = new Map<Locale, Translate>();

function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    // The same compiled messages as the pages' translators (i18n/format-cache.ts).
    t = createTranslator({ locale, messages: messagesFor(locale), timeZone: "UTC", _cache: formatCacheFor(locale) }) as unknown as Translate;
    translators.set(locale, t);
  }
  return t;
}

function renderValue(value: MessageValue, locale: Locale): string | number {
  if (typeof value === "string" || typeof value === "number") return value;
  if ("key" in value) return renderMessage(value, locale);
  if ("text" in value) return value.text[locale] ?? value.text.en;
  if ("label" in value) return translator(locale)(value.label);
  const f = formatFor(locale);
  return "day" in value ? f.date(value.day) : f.time(value.time);
}

/** The message in a language (English when none is given). Plain strings are machine codes and stay as they are. */
export function renderMessage(message: DomainMessage | string, locale: Locale = DEFAULT_LOCALE): string {
  if (typeof message === "string") return message;
  const values = message.values ? Object.fromEntries(Object.entries(message.values).map(([k, v]) => [k, renderValue(v, locale)])) : undefined;
  return translator(locale)(message.key, values);
}

// zod takes a message as a string; a message key travels inside one, and parseInput turns it
// back into a message (lib/errors). The marker is a control character no one can type.
const MARK = "\u0001i18n:";

/** A message for a zod check (`.min(1, zodMessage(msg("Validation.…")))`). */
export function zodMessage(message: DomainMessage): string {
  return MARK + JSON.stringify(message);
}

/** The message a zod issue carries, if it is one of ours. */
export function fromZodMessage(text: string): DomainMessage | null {
  if (!text.startsWith(MARK)) return null;
  try {
    const parsed: unknown = JSON.parse(text.slice(MARK.length));
    return isDomainMessage(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** Whether this version's message files have the message's key (a stored one may be older). */
export function isKnownMessage(message: DomainMessage): boolean {
  let node: unknown = messagesFor(DEFAULT_LOCALE);
  for (const part of message.key.split(".")) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, part)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string";
}

/**
 * A message stored as JSON (a timeline event's `message`), or null when there is none or it is
 * not one; dates come back as ISO strings, which the formatter reads as it reads a Date.
 */
export function storedMessage(json: string | null | undefined): DomainMessage | null {
  if (!json) return null;
  try {
    const parsed: unknown = JSON.parse(json);
    return isDomainMessage(parsed) ? parsed : null;
  } catch {
    return null;
  }
}
