import { reply } from "@/lib/api/reply";
import { commentPageQuerySchema, commentPageSchema } from "@/lib/api/schemas";
import { listComments } from "@/lib/comments";
import { db } from "@/lib/db/server";
import { parseInput } from "@/lib/errors";
import { handle } from "@/lib/http/json";

export const dynamic = "force-dynamic";

/** GET /api/petitions/{id}/comments?cursor=&limit=: the petition's anonymous discussion. */
export function GET(request: Request, ctx: RouteContext<"/api/petitions/[id]/comments">) {
  return handle(request, async () => {
    const { id } = await ctx.params;
    const query = parseInput(commentPageQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
    return reply(commentPageSchema, await listComments(db, { petitionId: id }, query));
  });
}
