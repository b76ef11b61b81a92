// What the Pages Router API routes (the count and the live stream, decision 025) share: the
// request's language, read as every other route reads it, and an error answer in the same JSON
// shape as lib/http/json's, never cached.
import type { IncomingMessage } from "node:http";
import type { NextApiRequest, NextApiResponse } from "next";
import { localeOfHeaders, type Locale } from "@/i18n/locales";
import { renderMessage, type DomainMessage } from "@/lib/i18n/message";

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
