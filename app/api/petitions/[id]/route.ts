import { reply } from "@/lib/api/reply";
import { petitionDetailSchema, petitionQuerySchema } from "@/lib/api/schemas";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { parseInput } from "@/lib/errors";
import { handle } from "@/lib/http/json";
import { getPetitionDetail } from "@/lib/petitions/queries";
import { getOwnSignature, listNamedSigners } from "@/lib/signatures";

export const dynamic = "force-dynamic";

/** GET /api/petitions/{id}: the petition, its named signers and the viewer's own signature. */
export function GET(request: Request, ctx: RouteContext<"/api/petitions/[id]">) {
  return handle(request, async () => {
    const { id } = await ctx.params;
    const actor = await getActor();
    const { invite } = parseInput(petitionQuerySchema, { invite: new URL(request.url).searchParams.get("invite") ?? undefined });
    const petition = await getPetitionDetail(db, actor, { id }, { invite });
    const [namedSigners, ownSignature] = await Promise.all([
      // The petition policy decides who sees names ("signers"): none while hidden or not public.
      petition.viewer.can.signers ? listNamedSigners(db, id, { take: 50 }) : [],
      getOwnSignature(db, actor, id),
    ]);
    const { viewer, ...rest } = petition;
    return reply(
      petitionDetailSchema,
      { ...rest, namedSigners, viewer: { ...viewer, signature: ownSignature } },
      { headers: { "Cache-Control": "private, no-store" } },
    );
  });
}
