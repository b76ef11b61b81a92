// Checks every request that carries a body before Next.js or a route reads it (proxy.ts runs
// them), so bad input gets a 4xx that says what is wrong instead of a 500, a stored U+FFFD or
// a log line with part of the body in it:
// - a body over BODY_LIMIT bytes: 413 (Next.js's own server-action limit answers 500);
// - bytes that are not UTF-8, or percent-escapes in a form body that do not decode to UTF-8:
//   400 (decoders would turn them into U+FFFD and store that);
// - server actions (POSTs to a page): a foreign or unreadable Origin is 403 (Next.js answers
//   500); anything but a form (multipart/form-data; "[]" as text for an action that takes no
//   arguments) is 400, and so are `$ACTION_…` fields and
//   argument lists that no form of this app sends (React's decoder answers 500 or calls the
//   action with the wrong arguments).
// Refusals never echo or log the body.
import type { IncomingMessage } from "node:http";
import { msg, renderMessage, type DomainMessage } from "@/lib/i18n/message";

import { BODY_LIMIT } from "./body-limit";

export { BODY_LIMIT, formDataTooLarge } from "./body-limit";

/** A refusal: `text` for the request's language (proxy.ts renders it), `message` its English. */
export type Refusal = { status: 400 | 403 | 413; text: DomainMessage; message: string };

const refusal = (status: Refusal["status"], text: DomainMessage): Refusal => ({ status, text, message: renderMessage(text) });

export const TOO_BIG = refusal(413, msg("Errors.request.tooBig", { megabytes: BODY_LIMIT / 1024 / 1024 }));
const NOT_UTF8 = refusal(400, msg("Errors.request.notUtf8"));
const CROSS_SITE = refusal(403, msg("Errors.request.crossSite"));
const NOT_A_FORM = refusal(400, msg("Errors.request.notAForm"));
const MALFORMED_FORM = refusal(400, msg("Errors.request.malformedForm"));

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The host Next.js compares an action's Origin with: the first X-Forwarded-Host, else Host. */
function actionHost(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return forwarded || headers.get("host");
}

/**
 * A form sent without script from one of our own pages carries `Origin: null`: the site's
 * Referrer-Policy is no-referrer, and for a form's navigation browsers then hide the origin.
 * `Sec-Fetch-Site: same-origin`, which a page cannot forge, says where it came from; Next.js only
 * compares Origin with the host, so the proxy gives it the origin the browser withheld.
 */
export function withheldSameOrigin(headers: Headers): string | null {
  if (headers.get("origin") !== "null" || headers.get("sec-fetch-site") !== "same-origin") return null;
  const host = actionHost(headers);
  return host ? `http://${host}` : null;
}

function sameOrigin(headers: Headers): boolean {
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return false;
  const origin = headers.get("origin");
  if (origin === null) return true; // not a browser; it carries no one else's cookies by accident
  if (origin === "null") return withheldSameOrigin(headers) !== null;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  return Boolean(host) && host === actionHost(headers);
}

/** The body's bytes, stopping as soon as they pass the limit; null when they do. */
async function readBounded(request: Request): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > BODY_LIMIT) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** application/x-www-form-urlencoded: every name and value must percent-decode to UTF-8. */
function urlEncodedIsText(body: string): boolean {
  for (const part of body.split("&")) {
    for (const piece of part.split("=")) {
      try {
        decodeURIComponent(piece.replace(/\+/g, " "));
      } catch {
        return false;
      }
    }
  }
  return true;
}

const ACTION_ID = /^[0-9a-f]{42}$/;

/**
 * Whether the action uses none of its parameters, from its id's first byte (Next.js writes which
 * of the first six parameters are used, and whether there are more, into it); the page's script
 * then sends no arguments at all.
 */
function usesNoArguments(id: string): boolean {
  const info = parseInt(id.slice(0, 2), 16);
  return ((info >> 1) & 0x3f) === 0 && (info & 1) === 0;
}

/**
 * A JSON value of an action's arguments as React encodes them, holding no references: its strings
 * either do not start with "$", are escaped ("$$…") or are React's undefined ("$undefined").
 */
function plainReplyValue(value: unknown, depth = 0): boolean {
  if (depth > 8) return false;
  if (typeof value === "string") return !value.startsWith("$") || value.startsWith("$$") || value === "$undefined";
  if (value === null || typeof value === "number" || typeof value === "boolean") return true;
  if (Array.isArray(value)) return value.every((v) => plainReplyValue(v, depth + 1));
  if (typeof value === "object") return Object.values(value as Record<string, unknown>).every((v) => plainReplyValue(v, depth + 1));
  return false;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * The arguments of a form action called by the page's script (a Next-Action request): field "0"
 * holds the list, [previous state, form] for forms with a result (useActionState) or [form];
 * the form is a reference "$K<n>" (n in hex) to the fields named "_<n>_…" (n in decimal), which
 * include the hidden `$ACTION_…` inputs React rendered into the form.
 */
function fetchActionFieldsValid(form: FormData): boolean {
  const root = form.get("0");
  if (typeof root !== "string") return false;
  const parsed = parseJson(root);
  if (!parsed.ok || !Array.isArray(parsed.value) || parsed.value.length < 1 || parsed.value.length > 2) return false;
  const args = parsed.value as unknown[];
  const last = args[args.length - 1];
  if (typeof last !== "string" || !/^\$K[0-9a-f]{1,8}$/.test(last)) return false;
  if (args.length === 2 && !plainReplyValue(args[0])) return false;
  const ref = `_${parseInt(last.slice(2), 16).toString(10)}_`;
  for (const [key, value] of form.entries()) {
    if (key === "0") continue;
    // Only the form's own fields, all of them text (no form here uploads files).
    if (!key.startsWith(ref) || typeof value !== "string") return false;
  }
  return true;
}

/**
 * A form sent without the page's script (progressive enhancement): `$ACTION_ID_<id>` for a plain
 * form action, or `$ACTION_REF_<n>` with `$ACTION_<n>:0` = {"id":…,"bound":…} and the bound
 * previous state in `$ACTION_<n>:1`, for a form with a result; `$ACTION_KEY` names the form.
 */
function formActionFieldsValid(form: FormData): boolean {
  let actions = 0;
  const refs = new Set<string>();
  const parts = new Map<string, string>();
  for (const [key, value] of form.entries()) {
    if (!key.startsWith("$ACTION_")) {
      if (typeof value !== "string") return false;
      continue;
    }
    if (typeof value !== "string") return false;
    if (key.startsWith("$ACTION_ID_")) {
      if (!ACTION_ID.test(key.slice("$ACTION_ID_".length))) return false;
      actions++;
    } else if (key.startsWith("$ACTION_REF_")) {
      const n = key.slice("$ACTION_REF_".length);
      if (!/^[0-9]{1,4}$/.test(n) || refs.has(n)) return false;
      refs.add(n);
      actions++;
    } else if (key === "$ACTION_KEY") {
      if (value.length > 200) return false;
    } else {
      const m = /^\$ACTION_([0-9]{1,4}):([0-9]{1,4})$/.exec(key);
      if (!m || parts.has(key)) return false;
      parts.set(key, value);
    }
  }
  if (actions !== 1) return false;
  for (const [key, value] of parts) {
    const [, n, part] = /^\$ACTION_([0-9]+):([0-9]+)$/.exec(key)!;
    if (!refs.has(n!)) return false;
    const parsed = parseJson(value);
    if (!parsed.ok) return false;
    if (part === "0") {
      const meta = parsed.value as { id?: unknown; bound?: unknown } | null;
      if (!meta || typeof meta !== "object" || Array.isArray(meta) || typeof meta.id !== "string" || !ACTION_ID.test(meta.id)) return false;
      if (!(meta.bound === null || meta.bound === undefined || (typeof meta.bound === "string" && /^\$@[0-9a-f]{1,8}$/.test(meta.bound)))) return false;
      if (Object.keys(meta).some((k) => k !== "id" && k !== "bound")) return false;
    } else if (!plainReplyValue(parsed.value) || !Array.isArray(parsed.value)) {
      return false;
    }
  }
  for (const n of refs) if (!parts.has(`$ACTION_${n}:0`)) return false;
  return true;
}

async function formDataOf(bytes: Uint8Array<ArrayBuffer>, type: string): Promise<FormData | null> {
  try {
    return await new Request("http://localhost/", { method: "POST", headers: { "content-type": type }, body: bytes }).formData();
  } catch {
    return null;
  }
}

/** Why this request is refused, or null when it may go on to Next.js and the route. */
export async function refuseRequest(request: Request, pathname: string): Promise<Refusal | null> {
  if (!MUTATING.has(request.method)) return null;
  const isApi = pathname.startsWith("/api/");
  const headers = request.headers;
  const action = !isApi;
  if (action && !sameOrigin(headers)) return CROSS_SITE;

  if (lengthTooBig(headers.get("content-length"))) return TOO_BIG;
  const type = (headers.get("content-type") ?? "").toLowerCase();
  const multipart = /^multipart\/form-data\s*;\s*boundary=/.test(type);
  const id = action ? headers.get("next-action") : null;
  // An action that uses none of its arguments (sign out) is sent as the text "[]".
  const noArguments = id !== null && ACTION_ID.test(id) && usesNoArguments(id) && type.startsWith("text/plain");
  if (action && !noArguments) {
    if (!multipart || (id !== null && !ACTION_ID.test(id))) return NOT_A_FORM;
  }

  const bytes = await readBounded(request);
  if (bytes === null) return TOO_BIG;
  const text = bodyText(type, bytes);
  if (typeof text !== "string") return text;

  if (noArguments) return text.trim() === "[]" ? null : MALFORMED_FORM;
  if (action) {
    const form = await formDataOf(bytes, headers.get("content-type") ?? "");
    if (!form) return MALFORMED_FORM;
    const valid = headers.get("next-action") !== null ? fetchActionFieldsValid(form) : formActionFieldsValid(form);
    if (!valid) return MALFORMED_FORM;
  }
  return null;
}

/** A Content-Length that is not a number, or over the limit. */
function lengthTooBig(length: string | null | undefined): boolean {
  return length != null && (!/^[0-9]{1,15}$/.test(length.trim()) || Number(length) > BODY_LIMIT);
}

/** A body's text, when its bytes are within the limit and text (UTF-8, and percent-escapes that decode to it). */
function bodyText(type: string, bytes: Uint8Array): string | Refusal {
  const text = decodeUtf8(bytes);
  if (text === null) return NOT_UTF8;
  if (type.startsWith("application/x-www-form-urlencoded") && !urlEncodedIsText(text)) return NOT_UTF8;
  return text;
}

/** The code an API refusal answers with, in the API's JSON errors. */
export function refusalCode(refusal: Refusal): "too_large" | "forbidden" | "invalid_input" {
  return refusal.status === 413 ? "too_large" : refusal.status === 403 ? "forbidden" : "invalid_input";
}

/**
 * An API request's body as text, for a Pages Router route the proxy does not run for (signing,
 * docs/decisions/036): the same refusals refuseRequest gives every other API body, read from
 * Node's request, and stopping as soon as the bytes pass the limit.
 */
export async function readApiBody(req: IncomingMessage): Promise<{ text: string } | { refusal: Refusal }> {
  const type = String(req.headers["content-type"] ?? "").toLowerCase();
  if (lengthTooBig(req.headers["content-length"])) return { refusal: TOO_BIG };
  const bytes = await new Promise<Buffer | null>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const take = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= BODY_LIMIT) return void chunks.push(chunk);
      // The rest is not read: the answer (413) says so, and Node drops the connection after it.
      req.off("data", take);
      req.pause();
      resolve(null);
    };
    req.on("data", take);
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("error", reject);
  });
  if (bytes === null) return { refusal: TOO_BIG };
  const text = bodyText(type, bytes);
  return typeof text === "string" ? { text } : { refusal: text };
}
