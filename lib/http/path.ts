// Addresses whose percent-encoding cannot be decoded ("%", "%zz", a cut UTF-8 sequence). Next.js
// fails on them while matching a dynamic route and answers 500; the proxy answers 400 instead.

/** True when the path's percent-encoding does not decode to text. */
export function undecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

export const UNDECODABLE_MESSAGE =
  "This address is not valid: every % in it must start an escape like %20 that decodes to UTF-8 text. Check the link and try again.";
