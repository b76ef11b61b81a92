// What the Pages Router API routes (the count, the live stream, /api/me and signing; decisions 025,
// 035, 036) share: the guard for the method and the started service, the request's language, read
// as every other route reads it, and an error answer in the same JSON shape as lib/http/json's,
// never cached.
import type { IncomingMessage } from "node:http";
import type { NextApiRequest, NextApiResponse } from "next";
import { localeOfHeaders, type Locale } from "@/i18n/locales";
import { msg, renderMessage, type DomainMessage } from "@/lib/i18n/message";

/** One request header as a string (Node gives repeated headers as an array). */
export function requestHeader(req: Pick<IncomingMessage, "headers">, name: string): string | null {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(", ") : (value ?? null);
}

/** The language the request asks for: its `lang` cookie, else Accept-Language. */
export function localeOfApiRequest(req: Pick<IncomingMessage, "headers">): Locale {
  return localeOfHeaders(requestHeader(req, "cookie"), requestHeader(req, "accept-language"));
}

/** An error answer ({ error: { code, message } }) in the request's language. */
export function failApi(req: NextApiRequest, res: NextApiResponse, status: number, code: string, message: DomainMessage | string) {
  res.setHeader("Cache-Control", "no-store");
  res.status(status).json({ error: { code, message: renderMessage(message, localeOfApiRequest(req)) } });
}

/**
 * The guard each of these routes starts with: a method it answers (else 405 with `Allow`; HEAD
 * too where the route says so), then its service, started by instrumentation.ts (else 503 with
 * `Retry-After`, the few seconds a server takes to start). Returns the service, or null when the
 * answer has been sent.
 */
export function serviceFor<T>(
  req: NextApiRequest,
  res: NextApiResponse,
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
export function failUnexpected(req: NextApiRequest, res: NextApiResponse, error: unknown) {
  console.error(`[api] unexpected ${error instanceof Error ? error.name : "UnknownError"}`);
  failApi(req, res, 500, "internal", msg("Errors.common.unexpected"));
}
