import { requireActor } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/session";
import { exportNamedSignaturesCsv } from "@/lib/dashboard";
import { db } from "@/lib/db/server";
import { handle } from "@/lib/http/json";
import { findPetitionOr404 } from "@/lib/petitions/access";

export const dynamic = "force-dynamic";

/** GET /petitions/{slug}/export/signatures.csv: organizers only (404 for anyone who may not see the petition, 403 for others who may). */
export function GET(request: Request, ctx: RouteContext<"/petitions/[slug]/export/signatures.csv">) {
  return handle(request, async () => {
    const { slug } = await ctx.params;
    // Signed out: 401 before anything is looked up, so the answer is the same for every address.
    const actor = requireActor(await getActor(), "see the dashboard");
    // The same 404 for a petition that does not exist as for one this person may not see.
    const petition = await findPetitionOr404(db, { slug });
    const csv = await exportNamedSignaturesCsv(db, actor, petition.id);
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${slug}-signatures.csv"`,
        "Cache-Control": "private, no-store",
      },
    });
  });
}
