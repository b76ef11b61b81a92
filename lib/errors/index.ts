// Typed domain errors. Domain functions throw these; the HTTP and server-action adapters turn
// them into a status code and a message a person can act on (docs/decisions/004).
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

export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    /** Seconds to wait before retrying (rate limits). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = "DomainError";
    this.status = STATUS[code];
  }
}

export const unauthenticated = (message = "Sign in to do this.") =>
  new DomainError("unauthenticated", message);
export const forbidden = (message: string) => new DomainError("forbidden", message);
export const notFound = (message: string) => new DomainError("not_found", message);
export const conflict = (message: string) => new DomainError("conflict", message);
/** A conflict about one field's value ("already invited"): the form shows it beside that field. */
export const fieldConflict = (field: string, message: string) => new DomainError("conflict", message, { [field]: message });

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

/**
 * Turns a zod error into an invalid_input error with a message per field, and a summary made
 * of those messages, which name their field in words (never its key).
 */
export function invalidInput(issues: { path: PropertyKey[]; message: string }[]): DomainError {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "input";
    // A generic message, or a fragment ("must be base64"), gets the field's name in words.
    const message = (GENERIC_MESSAGE.test(issue.message) || /^[a-z]/.test(issue.message)) && key !== "input" ? `${fieldInWords(key)}: ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}` : issue.message;
    fields[key] ??= message;
  }
  const summary = [...new Set(Object.values(fields))].join(" ");
  return new DomainError("invalid_input", summary || "The input is not valid.", fields);
}

/** Parses input with a zod schema, throwing a DomainError with field messages on failure. */
export function parseInput<T>(
  schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } },
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
