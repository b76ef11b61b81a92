// Input rules shared by every domain module: text people type, and calendar days.
import { z } from "zod";
import { formatCount } from "@/lib/format";

/** Control characters other than tab and newline: never valid in anything people write. */
export const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Half of a UTF-16 surrogate pair without its other half: not a character at all. JSON can carry
 * one ("\ud800"), PostgreSQL refuses to store it, and no keyboard types it.
 */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const bounded = (label: string, min: number, max: number) =>
  z
    .string()
    .min(min, `${label} needs at least ${min} characters.`)
    .max(max, `${label} can be at most ${formatCount(max)} characters.`)
    .refine((s) => !CONTROL.test(s), `${label} contains control characters.`)
    .refine((s) => !LONE_SURROGATE.test(s), `${label} contains a broken character (half of an emoji or other symbol); please retype it.`);

/** One line of text: NFC, trimmed, runs of whitespace collapsed to one space. */
export const singleLineText = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .transform((s) => s.normalize("NFC").trim().replace(/\s+/g, " "))
    .pipe(bounded(label, min, max));

/** Several lines (Markdown): NFC, line endings unified, trimmed. */
export const multilineText = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label} is required.` })
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
