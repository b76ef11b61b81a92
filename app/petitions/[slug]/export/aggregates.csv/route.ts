import { getActor } from "@/lib/auth/session";
import { exportAggregatesCsv } from "@/lib/dashboard";
import { db } from "@/lib/db/server";
import { notFound } from "@/lib/errors";
import { handle } from "@/lib/http/json";
import { petitionIdBySlug } from "@/lib/petitions/queries";

export const dynamic = "force-dynamic";

/** GET /petitions/{slug}/export/aggregates.csv: organizers only. */
export function GET(_request: Request, ctx: RouteContext<"/petitions/[slug]/export/aggregates.csv">) {
  return handle(async () => {
    const { slug } = await ctx.params;
    const petitionId = await petitionIdBySlug(db, slug);
    if (!petitionId) throw notFound("No petition at this address.");
    const csv = await exportAggregatesCsv(db, await getActor(), petitionId);
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${slug}-aggregates.csv"`,
        "Cache-Control": "private, no-store",
      },
    });
  });
}
