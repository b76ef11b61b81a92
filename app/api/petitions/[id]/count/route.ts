import { db } from "@/lib/db/server";
import { notFound } from "@/lib/errors";
import { answerCacheable } from "@/lib/http/conditional";
import { handle } from "@/lib/http/json";
import { cachedPublicCount, COUNT_CACHE_CONTROL } from "@/lib/petitions/count-cache";

export const dynamic = "force-dynamic";

/**
 * GET /api/petitions/{id}/count: the live count (publicCountSchema), the same for everyone. The
 * answer is prepared once per version and served from memory for COUNT_FRESH_SECONDS, which is
 * also its max-age, so a proxy or CDN in front may serve it too (README "A cache or CDN in front");
 * pollers revalidate with If-None-Match or If-Modified-Since and get a 304. No session is read, and
 * proxy.ts skips this route.
 */
export function GET(request: Request, ctx: RouteContext<"/api/petitions/[id]/count">) {
  return handle(async () => {
    const { id } = await ctx.params;
    const count = await cachedPublicCount(db, id);
    if (!count) throw notFound("No public petition with this id.");
    return answerCacheable(request, count, COUNT_CACHE_CONTROL);
  });
}
