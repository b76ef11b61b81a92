import { msg } from "@/lib/i18n/message";
import { fitting } from "@/lib/api/reply";
import { publicCountSchema } from "@/lib/api/schemas";
import { db } from "@/lib/db/server";
import { notFound } from "@/lib/errors";
import { cacheableJson } from "@/lib/http/conditional";
import { handle } from "@/lib/http/json";
import { getPublicCount } from "@/lib/petitions/queries";

export const dynamic = "force-dynamic";

/**
 * GET /api/petitions/{id}/count: the live count, the same for everyone, so a proxy or CDN in front
 * may serve it for a few seconds (README "Deployment"); an ETag lets pollers revalidate with 304.
 */
export function GET(request: Request, ctx: RouteContext<"/api/petitions/[id]/count">) {
  return handle(request, async () => {
    const { id } = await ctx.params;
    const count = await getPublicCount(db, id);
    if (!count) throw notFound(msg("Errors.common.noPublicPetition"));
    return cacheableJson(request, fitting(publicCountSchema, count), "public, max-age=2, s-maxage=5, stale-while-revalidate=5");
  });
}
