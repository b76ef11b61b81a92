// What the Pages Router API routes (the count, the live stream, /api/me and signing; decisions 025,
// 035, 036) share: the guard for the method and the started service, the request's language, read
// as every other route reads it, and an error answer in the same JSON shape as lib/http/json's,
// never cached. Node's request and response only, so the listeners the server runs before
// Next.js's router (server.mjs, docs/decisions/037) answer with the same functions.
import type { IncomingMessage, ServerResponse } from "node:http";
import { localeOfHeaders, type Locale } from "@/i18n/locales";
import { cookieOfHeader } from "@/lib/http/cookies";
import { jsonAnswer, type JsonAnswer } from "@/lib/http/json";
import { msg, renderMessage, type DomainMessage } from "@/lib/i18n/message";

type Req = Pick<IncomingMessage, "headers" | "method">;

/** One request header as a string (Node gives repeated headers as an array). */
export function requestHeader(req: Pick<IncomingMessage, "headers">, name: string): string | null {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(", ") : (value ?? null);
}

/** One cookie of the request, as sent (its value decoded where it was percent-encoded). */
export function requestCookie(req: Pick<IncomingMessage, "headers">, name: string): string | undefined {
  return cookieOfHeader(requestHeader(req, "cookie"), name);
}

/** The language the request asks for: its `lang` cookie, else Accept-Language. */
export function localeOfApiRequest(req: Pick<IncomingMessage, "headers">): Locale {
  return localeOfHeaders(requestHeader(req, "cookie"), requestHeader(req, "accept-language"));
}

/** Sends a prepared JSON answer (with any header set on `res` before). */
export function sendAnswer(res: ServerResponse, answer: JsonAnswer) {
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}

/** An error answer ({ error: { code, message } }) in the request's language, never cached. */
export function failApi(req: Req, res: ServerResponse, status: number, code: string, message: DomainMessage | string) {
  sendAnswer(res, jsonAnswer(status, { error: { code, message: renderMessage(message, localeOfApiRequest(req)) } }));
}

/**
 * The guard each of these routes starts with: a method it answers (else 405 with `Allow`; HEAD
 * too where the route says so), then its service, started by instrumentation.ts (else 503 with
 * `Retry-After`, the few seconds a server takes to start). Returns the service, or null when the
 * answer has been sent.
 */
export function serviceFor<T>(
  req: Req,
  res: ServerResponse,
  route: { methods: readonly string[]; head?: boolean; wrongMethod: DomainMessage },
  service: () => T | null,
): T | null {
  const allowed = route.head ? [...route.methods, "HEAD"] : route.methods;
  if (!allowed.includes(req.method ?? "")) {
    res.setHeader("Allow", allowed.join(", "));
    failApi(req, res, 405, "method_not_allowed", route.wrongMethod);
    return null;
  }
  const running = service();
  if (!running) {
    res.setHeader("Retry-After", "3");
    failApi(req, res, 503, "starting", msg("Errors.api.serverStarting"));
    return null;
  }
  return running;
}

/** A 500 for an error nobody expected, logging only its class: nothing of the request. */
export function failUnexpected(req: Req, res: ServerResponse, error: unknown) {
  console.error(`[api] unexpected ${error instanceof Error ? error.name : "UnknownError"}`);
  failApi(req, res, 500, "internal", msg("Errors.common.unexpected"));
}
