import { db } from "@/lib/db/server";
import { notFound } from "@/lib/errors";
import { handle } from "@/lib/http/json";
import { getPublicCount } from "@/lib/petitions/queries";

export const dynamic = "force-dynamic";

/** GET /api/petitions/{id}/count: the live count, cacheable for a few seconds by anyone. */
export function GET(_request: Request, ctx: RouteContext<"/api/petitions/[id]/count">) {
  return handle(async () => {
    const { id } = await ctx.params;
    const count = await getPublicCount(db, id);
    if (!count) throw notFound("No public petition with this id.");
    return Response.json(count, {
      headers: { "Cache-Control": "public, max-age=2, s-maxage=5, stale-while-revalidate=5" },
    });
  });
}
