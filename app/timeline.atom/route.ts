import { serverConfig } from "@/lib/config";
import { db } from "@/lib/db/server";
import { handle } from "@/lib/http/json";
import { listTimeline, timelineAtom } from "@/lib/timeline/queries";

export const dynamic = "force-dynamic";

/** GET /timeline.atom?petition=&program=&kind=: the timeline as Atom 1.0. */
export function GET(request: Request) {
  return handle(async () => {
    const url = new URL(request.url);
    const params = Object.fromEntries(url.searchParams);
    const page = await listTimeline(db, { ...params, cursor: undefined, limit: 50 });
    const authUrl = serverConfig().AUTH_URL;
    const origin = authUrl ? new URL(authUrl).origin : url.origin;
    return new Response(timelineAtom(page.items, origin, url.pathname + url.search), {
      headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=60" },
    });
  });
}
