// The origin to write into absolute links (the Atom feed): the configured public address
// (AUTH_URL) when there is one, else the host this request was sent to. Only the Host header the
// request itself used counts (never X-Forwarded-Host, which any client can set), and only when
// it is a plain host name or address with an optional port, so a crafted header cannot put
// another site, a path or markup into the links.

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]{2,45}\])(?::[0-9]{1,5})?$/i;

export function publicOrigin(request: Request, configured: string | undefined): string {
  if (configured) return new URL(configured).origin;
  const url = new URL(request.url);
  const host = request.headers.get("host");
  if (!host || host.length > 260 || !HOST.test(host)) return url.origin;
  // The scheme a TLS-terminating proxy reports, when it is one of the two that make sense.
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  const scheme = forwarded === "https" || forwarded === "http" ? forwarded : url.protocol.replace(/:$/, "");
  try {
    return new URL(`${scheme}://${host}`).origin;
  } catch {
    return url.origin; // "[:::]" passes the pattern but is no address
  }
}
