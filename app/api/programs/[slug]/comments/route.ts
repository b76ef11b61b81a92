import { reply } from "@/lib/api/reply";
import { commentPageQuerySchema, commentPageSchema } from "@/lib/api/schemas";
import { listComments } from "@/lib/comments";
import { db } from "@/lib/db/server";
import { parseInput } from "@/lib/errors";
import { handle } from "@/lib/http/json";

export const dynamic = "force-dynamic";

/** GET /api/programs/{slug}/comments?cursor=&limit=: the anonymous discussion, newest day first. */
export function GET(request: Request, ctx: RouteContext<"/api/programs/[slug]/comments">) {
  return handle(request, async () => {
    const { slug } = await ctx.params;
    const query = parseInput(commentPageQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
    return reply(commentPageSchema, await listComments(db, { programSlug: slug }, query));
  });
}
