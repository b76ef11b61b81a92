/**
 * Only same-site paths are allowed after sign-in, so no open redirect exists. Control characters
 * are refused outright (browsers drop tabs and newlines, turning "/\t/evil" into "//evil"), and
 * the path must resolve to this site's origin.
 */
export function safeRedirect(target: unknown, fallback = "/"): string {
  if (typeof target !== "string" || !target.startsWith("/") || /[\u0000-\u001F\u007F\\]/.test(target)) return fallback;
  const base = "http://undersigned.invalid";
  try {
    const url = new URL(target, base);
    if (url.origin !== base) return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
