import { reply } from "@/lib/api/reply";
import { timelinePageSchema } from "@/lib/api/schemas";
import { db } from "@/lib/db/server";
import { handle } from "@/lib/http/json";
import { listTimeline } from "@/lib/timeline/queries";

export const dynamic = "force-dynamic";

/** GET /api/timeline?petition=&program=&kind=&cursor=&limit= */
export function GET(request: Request) {
  return handle(request, async () => {
    const params = Object.fromEntries(new URL(request.url).searchParams);
    return reply(timelinePageSchema, await listTimeline(db, params), { headers: { "Cache-Control": "public, max-age=5" } });
  });
}
