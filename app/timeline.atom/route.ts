import { serverConfig } from "@/lib/config";
import { db } from "@/lib/db/server";
import { publicOrigin } from "@/lib/http/origin";
import { handle } from "@/lib/http/json";
import { listTimeline, timelineAtom } from "@/lib/timeline/queries";

export const dynamic = "force-dynamic";

/** GET /timeline.atom?petition=&program=&kind=: the timeline as Atom 1.0. */
export function GET(request: Request) {
  return handle(request, async () => {
    const params = new URL(request.url).searchParams;
    const filter = { petition: params.get("petition") ?? undefined, program: params.get("program") ?? undefined, kind: params.get("kind") ?? undefined };
    const page = await listTimeline(db, { ...filter, limit: 50 });
    return new Response(timelineAtom(page.items, publicOrigin(request, serverConfig().AUTH_URL), filter), {
      headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=60", Vary: "Host" },
    });
  });
}
