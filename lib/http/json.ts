// Thin adapter from route handlers to the domain layer: typed domain errors become JSON with a
// status and a message in the request's language (its `lang` cookie or Accept-Language; the code
// and the fields' paths stay the same in every language); anything unexpected is logged without
// personal data and becomes a 500.
import { DEFAULT_LOCALE, localeOfHeaders, type Locale } from "@/i18n/locales";
import { DomainError } from "@/lib/errors";
import { msg, renderMessage } from "@/lib/i18n/message";
import type { JsonError } from "./error-schema";

export type { JsonError } from "./error-schema";

/** The language a request asks for: the remembered choice (cookie `lang`), else Accept-Language. */
export function localeOfRequest(request: Request): Locale {
  return localeOfHeaders(request.headers.get("cookie"), request.headers.get("accept-language"));
}

/** A JSON answer as Node or the Fetch API sends it: what route handlers and the Pages Router routes share. */
export type JsonAnswer = { status: number; headers: Record<string, string>; body: string };

/** A JSON answer that is never cached. */
export function jsonAnswer(status: number, value: unknown, headers: Record<string, string> = {}): JsonAnswer {
  return { status, headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers }, body: JSON.stringify(value) };
}

/** A typed domain error as its JSON answer; anything else is logged (its class only) and becomes a 500. */
export function errorAnswer(error: unknown, locale: Locale = DEFAULT_LOCALE): JsonAnswer {
  if (error instanceof DomainError) {
    const { message, fields } = error.localized(locale);
    return jsonAnswer(
      error.status,
      { error: { code: error.code, message, ...(fields ? { fields } : {}) } } satisfies JsonError,
      error.retryAfter ? { "Retry-After": String(error.retryAfter) } : {},
    );
  }
  // Only the error's class and message: request bodies and user data are never logged.
  const name = error instanceof Error ? error.name : "UnknownError";
  console.error(`[api] unexpected ${name}`);
  return jsonAnswer(500, { error: { code: "internal", message: renderMessage(msg("Errors.common.unexpected"), locale) } } satisfies JsonError);
}

export function errorResponse(error: unknown, locale: Locale = DEFAULT_LOCALE): Response {
  const answer = errorAnswer(error, locale);
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/** A request's header by its lower-case name, or null. */
export type HeaderOf = (name: string) => string | null;

/** Mutations must come from this site's own pages (or a same-origin script), never a third-party page. */
export function assertSameOrigin(request: Request): void {
  assertSameOriginHeaders((name) => request.headers.get(name));
}

/** assertSameOrigin for a request known by its headers (the Pages Router routes). */
export function assertSameOriginHeaders(header: HeaderOf): void {
  const site = header("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    throw new DomainError("forbidden", msg("Errors.http.crossSiteRequestsCannot"));
  }
  const origin = header("origin");
  if (origin) {
    const host = header("x-forwarded-host") ?? header("host");
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (!host || originHost !== host) {
      throw new DomainError("forbidden", msg("Errors.http.crossSiteRequestsCannot"));
    }
  }
}

/** Reads a JSON body, answering a clear 400 for bodies that are missing, too big or not JSON. */
export async function readJson(request: Request, maxBytes = 16_384): Promise<unknown> {
  assertJsonType(request.headers.get("content-type"));
  return parseJsonBody(await request.text(), maxBytes);
}

function assertJsonType(type: string | null): void {
  if (!(type ?? "").toLowerCase().startsWith("application/json")) {
    throw new DomainError("invalid_input", msg("Errors.http.sendBodyJsonContent"));
  }
}

/** readJson for a body already read (the Pages Router routes): the same checks, the same messages. */
export function readJsonText(contentType: string | null, text: string, maxBytes = 16_384): unknown {
  assertJsonType(contentType);
  return parseJsonBody(text, maxBytes);
}

function parseJsonBody(text: string, maxBytes: number): unknown {
  if (Buffer.byteLength(text) > maxBytes) {
    throw new DomainError("invalid_input", msg("Errors.http.bodyTooLarge", { bytes: maxBytes }));
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError("invalid_input", msg("Errors.http.bodyValidJson"));
  }
}

/** Runs a route handler; a thrown error becomes the JSON error answer, in the request's language. */
export async function handle(request: Request, run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    return errorResponse(error, localeOfRequest(request));
  }
}
