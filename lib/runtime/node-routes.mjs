// @ts-check
// The addresses the server answers before Next.js's router (server.mjs, docs/decisions/037), and
// the name of the listener for each on globalThis, which instrumentation.ts starts inside Next.js's
// bundle (lib/runtime/started.ts). Plain JavaScript, so server.mjs loads it as it is and the
// bundle imports the same names. Anything not matched exactly here goes to Next.js, which
// answers it as before: other methods (405 from the Pages Router route), a trailing slash, an
// address that does not decode.

/** The listener for signing by name and withdrawing (lib/signatures/endpoint.ts). */
export const SIGNATURE_LISTENER = "undersignedSignatureListener";

const SIGNATURE_PATH = /^\/api\/petitions\/([^/?#]+)\/signature(?:\?.*)?$/;

/**
 * The listener's name and the address's parameter for a request the server answers itself, or
 * null for one Next.js answers.
 * @param {string | undefined} method
 * @param {string | undefined} url
 * @returns {{ listener: string; param: string } | null}
 */
export function nodeRouteOf(method, url) {
  if (method !== "POST" && method !== "DELETE") return null;
  const match = SIGNATURE_PATH.exec(url ?? "");
  if (!match) return null;
  try {
    return { listener: SIGNATURE_LISTENER, param: decodeURIComponent(/** @type {string} */ (match[1])) };
  } catch {
    return null;
  }
}
