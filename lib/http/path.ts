// Addresses whose percent-encoding cannot be decoded ("%", "%zz", a cut UTF-8 sequence). Next.js
// fails on them while matching a dynamic route and answers 500; the proxy answers 400 instead.
import { msg, renderMessage } from "@/lib/i18n/message";

/** True when the path's percent-encoding does not decode to text. */
export function undecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

/** Said in the request's language by proxy.ts; UNDECODABLE_MESSAGE is its English. */
export const UNDECODABLE = msg("Errors.request.undecodablePath");
export const UNDECODABLE_MESSAGE = renderMessage(UNDECODABLE);
