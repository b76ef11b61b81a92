// Opaque cursors for keyset pagination: the last row's sort value and id, base64url JSON.
import { msg } from "@/lib/i18n/message";
import { DomainError } from "@/lib/errors";
import { RECORD_ID, storable } from "@/lib/validation";

export type CursorValue = string | number;

export function encodeCursor(value: CursorValue, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString("base64url");
}

export function decodeCursor(cursor: string): { value: CursorValue; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (typeof parsed[0] === "number" || (typeof parsed[0] === "string" && storable(parsed[0]))) &&
      typeof parsed[1] === "string" &&
      RECORD_ID.test(parsed[1])
    ) {
      return { value: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw decodeCursorError();
}

export function decodeCursorError(): DomainError {
  return new DomainError("invalid_input", msg("Errors.pagination.cursorValidStartAgain"));
}

/** A cursor's date: only the exact ISO form this code writes, so nothing odd reaches the database. */
export function cursorDate(value: string | number): Date {
  const text = String(value);
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(text) || Number.isNaN(date.getTime()) || date.toISOString() !== text) {
    throw decodeCursorError();
  }
  return date;
}

/** The where-clause for rows after a cursor, in newest-first order (createdAt desc, id desc). */
export function newestFirstAfter(cursor: string | undefined) {
  if (!cursor) return {};
  const c = decodeCursor(cursor);
  const at = cursorDate(c.value);
  return { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: c.id } }] };
}

/** A page of rows fetched with `take: limit + 1`, and the cursor for the next page. */
export function newestFirstPage<T extends { createdAt: Date; id: string }>(rows: T[], limit: number) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt.toISOString(), last.id) : null };
}
