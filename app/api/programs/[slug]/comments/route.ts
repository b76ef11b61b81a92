import { listComments } from "@/lib/comments";
import { db } from "@/lib/db/server";
import { handle } from "@/lib/http/json";

export const dynamic = "force-dynamic";

/** GET /api/programs/{slug}/comments?cursor=&limit=: the anonymous discussion, newest day first. */
export function GET(request: Request, ctx: RouteContext<"/api/programs/[slug]/comments">) {
  return handle(async () => {
    const { slug } = await ctx.params;
    const params = new URL(request.url).searchParams;
    const page = await listComments(db, { programSlug: slug }, { cursor: params.get("cursor") ?? undefined, limit: Number(params.get("limit") ?? 20) || 20 });
    return Response.json(page);
  });
}
