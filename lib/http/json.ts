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

export function errorResponse(error: unknown, locale: Locale = DEFAULT_LOCALE): Response {
  if (error instanceof DomainError) {
    const { message, fields } = error.localized(locale);
    return Response.json(
      { error: { code: error.code, message, ...(fields ? { fields } : {}) } } satisfies JsonError,
      { status: error.status, headers: { "Cache-Control": "no-store", ...(error.retryAfter ? { "Retry-After": String(error.retryAfter) } : {}) } },
    );
  }
  // Only the error's class and message: request bodies and user data are never logged.
  const name = error instanceof Error ? error.name : "UnknownError";
  console.error(`[api] unexpected ${name}`);
  return Response.json(
    { error: { code: "internal", message: renderMessage(msg("Errors.common.unexpected"), locale) } } satisfies JsonError,
    { status: 500, headers: { "Cache-Control": "no-store" } },
  );
}

/** Mutations must come from this site's own pages (or a same-origin script), never a third-party page. */
export function assertSameOrigin(request: Request): void {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    throw new DomainError("forbidden", msg("Errors.http.crossSiteRequestsCannot"));
  }
  const origin = request.headers.get("origin");
  if (origin) {
    const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
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
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw new DomainError("invalid_input", msg("Errors.http.sendBodyJsonContent"));
  }
  const text = await request.text();
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
