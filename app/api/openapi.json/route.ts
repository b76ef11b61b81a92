import { openApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-dynamic";

/** GET /api/openapi.json: the API's OpenAPI 3.1 document, generated from the routes' zod schemas. */
export function GET() {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
