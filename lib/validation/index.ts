// Input rules shared by every domain module: text people type, and calendar days.
import { z } from "zod";
import { msg, zodMessage, type DomainKey } from "@/lib/i18n/message";
import type enDomain from "@/messages/en/domain.json";

/** A field's name as the start of a sentence ("The title"), a key of Validation.labels in domain.json. */
export type FieldLabel = keyof (typeof enDomain)["Validation"]["labels"];
const labelOf = (label: FieldLabel) => msg(`Validation.labels.${label}` satisfies DomainKey);

/** Control characters other than tab and newline: never valid in anything people write. */
export const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Half of a UTF-16 surrogate pair without its other half: not a character at all. JSON can carry
 * one ("\ud800"), PostgreSQL refuses to store it, and no keyboard types it.
 */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text a database can store as it is: PostgreSQL refuses NUL and half a surrogate pair. */
export const storable = (s: string) => !CONTROL.test(s) && !LONE_SURROGATE.test(s);

/**
 * Text that is not stored but still reaches a query (a search, a filter): the same characters as
 * anything people write, so PostgreSQL never sees one it refuses (a 400, not a 500).
 */
export const queryText = (label: FieldLabel, max: number) =>
  storableString(z.string().trim().max(max, zodMessage(msg("Validation.text.tooLong", { label: labelOf(label), max }))), label);

/** A string check with the refusals of control and broken characters, named by the field's label. */
export const storableString = (schema: z.ZodString, label: FieldLabel) =>
  schema
    .refine((s) => !CONTROL.test(s), zodMessage(msg("Validation.text.control", { label: labelOf(label) })))
    .refine((s) => !LONE_SURROGATE.test(s), zodMessage(msg("Validation.text.brokenCharacter", { label: labelOf(label) })));

/** A slug or an id from a link, used to look something up: nothing PostgreSQL would refuse. */
export const lookupKey = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine(storable, zodMessage(msg("Validation.text.badLink")));

/** A record's id as this app makes them (cuid, or a uuid in tests): letters, digits, - and _. */
export const RECORD_ID = /^[A-Za-z0-9_-]{1,100}$/;
export const recordId = (message?: string) => z.string().regex(RECORD_ID, message);

/** The checks every text people write passes: length, no control characters, no broken characters. */
export const bounded = (label: FieldLabel, min: number, max: number) =>
  storableString(
    z
      .string()
      .min(min, zodMessage(msg("Validation.text.tooShort", { label: labelOf(label), min })))
      .max(max, zodMessage(msg("Validation.text.tooLong", { label: labelOf(label), max }))),
    label,
  );

/** One line of text: NFC, trimmed, runs of whitespace collapsed to one space. */
export const singleLineText = (label: FieldLabel, min: number, max: number) =>
  z
    .string({ error: zodMessage(msg("Validation.text.required", { label: labelOf(label) })) })
    .transform((s) => s.normalize("NFC").trim().replace(/\s+/g, " "))
    .pipe(bounded(label, min, max));

/** Several lines (Markdown): NFC, line endings unified, trimmed. */
export const multilineText = (label: FieldLabel, min: number, max: number) =>
  z
    .string({ error: zodMessage(msg("Validation.text.required", { label: labelOf(label) })) })
    .transform((s) => s.normalize("NFC").replace(/\r\n?/g, "\n").trim())
    .pipe(bounded(label, min, max));

/** The calendar day of a moment, YYYY-MM-DD in UTC. */
export function isoDay(value: Date | string): string {
  return (typeof value === "string" ? new Date(value) : value).toISOString().slice(0, 10);
}

/** YYYY-MM-DD naming a day that exists (no 2026-02-30). */
export function isRealDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && isoDay(d) === s;
}
