// Typed domain errors. Domain functions throw these; the HTTP and server-action adapters turn
// them into a status code and a message a person can act on (docs/decisions/004), in the
// request's language: the error carries a message key and values (lib/i18n/message.ts), and its
// `message` is the English rendering, for logs and tests (docs/decisions/029).
import { z } from "zod";
import type { Locale } from "@/i18n/locales";
import { fromZodMessage, msg, renderMessage, type DomainMessage } from "@/lib/i18n/message";

export type DomainErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "invalid_input"
  | "conflict"
  | "closed"
  | "rate_limited";

const STATUS: Record<DomainErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid_input: 400,
  conflict: 409,
  closed: 409,
  rate_limited: 429,
};

/** A field's message, or a machine code for the page's script ("spent", "invalid"), never shown as text. */
export type FieldMessage = DomainMessage | string;

export class DomainError extends Error {
  readonly status: number;
  /** Each field's message in English, by the field's path. */
  readonly fields?: Record<string, string>;
  constructor(
    readonly code: DomainErrorCode,
    readonly text: DomainMessage,
    readonly fieldTexts?: Record<string, FieldMessage>,
    /** Seconds to wait before retrying (rate limits). */
    readonly retryAfter?: number,
  ) {
    super();
    // The English rendering is made when someone reads `message` (a log, a test), not here: the
    // policy builds a refusal for every action a page asks `can()` about and reads none of their
    // messages (issue 15). Until read it is an accessor; reading or setting it makes it the plain
    // property an Error's message is.
    Object.defineProperty(this, "message", {
      configurable: true,
      enumerable: false,
      get: () => settle(this, renderMessage(text)),
      set: (value: string) => settle(this, value),
    });
    this.name = "DomainError";
    this.status = STATUS[code];
    if (fieldTexts) this.fields = localizedFields(fieldTexts, "en");
  }

  /** The message and field messages in a language. */
  localized(locale: Locale): { message: string; fields?: Record<string, string> } {
    return { message: renderMessage(this.text, locale), ...(this.fieldTexts ? { fields: localizedFields(this.fieldTexts, locale) } : {}) };
  }
}

function settle(error: DomainError, message: string): string {
  Object.defineProperty(error, "message", { configurable: true, enumerable: false, writable: true, value: message });
  return message;
}

function localizedFields(fields: Record<string, FieldMessage>, locale: Locale): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, renderMessage(v, locale)]));
}

export const unauthenticated = (message: DomainMessage = msg("Errors.common.signIn")) => new DomainError("unauthenticated", message);
export const forbidden = (message: DomainMessage) => new DomainError("forbidden", message);
export const notFound = (message: DomainMessage) => new DomainError("not_found", message);
export const conflict = (message: DomainMessage) => new DomainError("conflict", message);
/** A conflict about one field's value ("already invited"): the form shows it beside that field. */
export const fieldConflict = (field: string, message: DomainMessage) => new DomainError("conflict", message, { [field]: message });

// zod's own messages ("Invalid input: expected string…") do not say which field; ours do.
const GENERIC_MESSAGE = /^(Invalid|Too (small|big)|Expected|Required|Unrecognized)/;

/** A field's key in words: "commitments.0.dueOn" → "Commitment 1, due on". */
export function fieldInWords(key: string): string {
  const words = key
    .split(".")
    .map((part) => (/^\d+$/.test(part) ? String(Number(part) + 1) : part.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase()))
    .join(" ")
    .replace(/s (\d+)(?= )/, " $1,")
    .replace(/s (\d+)$/, " $1");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

type Issue = { path: PropertyKey[]; message: string };

const germanZod = z.locales.de();

/** zod's own words for an issue, in German (its message is the English). */
function germanIssue(issue: Issue): string {
  const rendered = (germanZod.localeError as (i: unknown) => string | { message: string } | undefined)(issue);
  return typeof rendered === "string" ? rendered : (rendered?.message ?? issue.message);
}

function issueMessage(issue: Issue, key: string): DomainMessage {
  const ours = fromZodMessage(issue.message);
  if (ours) return ours;
  const english = issue.message;
  const german = "code" in issue ? germanIssue(issue) : english;
  // A generic message, or a fragment ("must be base64"), gets the field's name in words.
  if ((GENERIC_MESSAGE.test(english) || /^[a-z]/.test(english)) && key !== "input") {
    const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
    return msg("Validation.fieldProblem", { field: { text: { en: fieldInWords(key), de: key } }, problem: { text: { en: lower(english), de: german } } });
  }
  return msg("Validation.problem", { problem: { text: { en: english, de: german } } });
}

/**
 * Turns a zod error into an invalid_input error with a message per field, and a summary made
 * of those messages, which name their field in words (never its key).
 */
export function invalidInput(issues: Issue[]): DomainError {
  const fields: Record<string, DomainMessage> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "input";
    fields[key] ??= issueMessage(issue, key);
  }
  const distinct = [...new Map(Object.values(fields).map((m) => [JSON.stringify(m), m])).values()];
  return new DomainError("invalid_input", distinct.length ? summary(distinct) : msg("Errors.common.invalidInput"), fields);
}

/** Several field messages shown as one: each is a whole sentence, in the reader's language. */
function summary(messages: DomainMessage[]): DomainMessage {
  if (messages.length === 1) return messages[0]!;
  const [first, ...rest] = messages;
  return msg("Validation.several", { first: first!, rest: summary(rest) });
}

/** Parses input with a zod schema, throwing a DomainError with field messages on failure. */
export function parseInput<T>(
  schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: Issue[] } } },
  input: unknown,
): T {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidInput(result.error.issues);
  return result.data;
}

/** Prisma's unique-constraint violation, whatever the database. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
