import { localeOfRequest, type JsonError } from "@/lib/http/json";
import { msg, renderMessage } from "@/lib/i18n/message";

export const dynamic = "force-dynamic";

/**
 * Any address under /api that no route handles (a typo, a path that normalizes elsewhere like
 * /api/petitions/%2e%2e/signature) answers JSON like the rest of the API, not the HTML 404 page.
 */
function notAnEndpoint(request: Request): Response {
  return Response.json(
    { error: { code: "not_found", message: renderMessage(msg("Errors.api.noEndpoint"), localeOfRequest(request)) } } satisfies JsonError,
    { status: 404, headers: { "Cache-Control": "no-store" } },
  );
}

export const GET = notAnEndpoint;
export const POST = notAnEndpoint;
export const PUT = notAnEndpoint;
export const PATCH = notAnEndpoint;
export const DELETE = notAnEndpoint;
