// One cookie from a Cookie header as the browser sent it (RFC 6265 section 5.4: `name=value`
// pairs separated by `;`), for the places that read Node's request rather than Next.js's
// cookies(): the Pages Router API routes, the listeners before Next.js's router, the language.

/** The value of the first cookie called `name`, unquoted and percent-decoded where it decodes; undefined when absent. */
export function cookieOfHeader(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(";")) {
    const eq = pair.indexOf("=");
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (!value.includes("%")) return value;
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}
