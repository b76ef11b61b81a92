// @ts-check
// The addresses the server answers before Next.js's router (server.mjs, docs/decisions/037), and
// the name of the listener for each on globalThis, which instrumentation.ts starts inside Next.js's
// bundle (lib/runtime/started.ts). Plain JavaScript, so server.mjs loads it as it is and the
// bundle imports the same names. Anything not matched exactly here goes to Next.js, which
// answers it as before: other methods (405 from the Pages Router route), a trailing slash, an
// address that does not decode.

/** The listener for signing by name and withdrawing (lib/signatures/endpoint.ts). */
export const SIGNATURE_LISTENER = "undersignedSignatureListener";
/** The listener for a signed-in person's view of a shared page, GET /api/me (lib/personal/reader.ts). */
export const PERSONAL_LISTENER = "undersignedPersonalListener";

const SIGNATURE_PATH = /^\/api\/petitions\/([^/?#]+)\/signature(?:\?[^#]*)?$/;
const PERSONAL_PATH = /^\/api\/me(?:\?([^#]*))?$/;

/**
 * The listener's name and the address's parameter for a request the server answers itself, or
 * null for one Next.js answers. The parameter is the petition's id for signing (decoded), and
 * the query string for /api/me (as sent, without the "?").
 * @param {string | undefined} method
 * @param {string | undefined} url
 * @returns {{ listener: string; param: string } | null}
 */
export function nodeRouteOf(method, url) {
  if (method === "GET") {
    const me = PERSONAL_PATH.exec(url ?? "");
    return me ? { listener: PERSONAL_LISTENER, param: me[1] ?? "" } : null;
  }
  if (method !== "POST" && method !== "DELETE") return null;
  const match = SIGNATURE_PATH.exec(url ?? "");
  if (!match) return null;
  try {
    return { listener: SIGNATURE_LISTENER, param: decodeURIComponent(/** @type {string} */ (match[1])) };
  } catch {
    return null;
  }
}
