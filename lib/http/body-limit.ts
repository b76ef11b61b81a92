// The request body limit, in a module with no imports, so the page's script can check a form
// before sending it without carrying the server's messages (lib/http/request-guard.ts refuses
// bodies over it on the server).

/** Bytes a request body may have: the server-action limit (next.config.mjs) for every route. */
export const BODY_LIMIT = 1024 * 1024;

/**
 * Whether a form's fields make a body over the limit, counted as multipart sends them (UTF-8,
 * with each part's headers): the page checks before sending, so the person sees why at once.
 */
export function formDataTooLarge(form: FormData): boolean {
  const encoder = new TextEncoder();
  let size = 0;
  for (const [name, value] of form.entries()) {
    size += 120 + encoder.encode(name).byteLength + (typeof value === "string" ? encoder.encode(value).byteLength : value.size);
    if (size > BODY_LIMIT) return true;
  }
  return false;
}
