import type { JsonError } from "@/lib/http/json";

export const dynamic = "force-dynamic";

/**
 * Any address under /api that no route handles (a typo, a path that normalizes elsewhere like
 * /api/petitions/%2e%2e/signature) answers JSON like the rest of the API, not the HTML 404 page.
 */
function notAnEndpoint(): Response {
  return Response.json(
    { error: { code: "not_found", message: "There is no API endpoint at this address. The API page at /developers lists them." } } satisfies JsonError,
    { status: 404, headers: { "Cache-Control": "no-store" } },
  );
}

export const GET = notAnEndpoint;
export const POST = notAnEndpoint;
export const PUT = notAnEndpoint;
export const PATCH = notAnEndpoint;
export const DELETE = notAnEndpoint;
