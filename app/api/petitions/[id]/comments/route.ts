import { listComments } from "@/lib/comments";
import { db } from "@/lib/db/server";
import { handle } from "@/lib/http/json";

export const dynamic = "force-dynamic";

/** GET /api/petitions/{id}/comments?cursor=&limit=: the petition's anonymous discussion. */
export function GET(request: Request, ctx: RouteContext<"/api/petitions/[id]/comments">) {
  return handle(async () => {
    const { id } = await ctx.params;
    const params = new URL(request.url).searchParams;
    const page = await listComments(db, { petitionId: id }, { cursor: params.get("cursor") ?? undefined, limit: Number(params.get("limit") ?? 20) || 20 });
    return Response.json(page);
  });
}
