import { reply } from "@/lib/api/reply";
import { signResultSchema, withdrawResultSchema } from "@/lib/api/schemas";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { assertSameOrigin, handle, readJson } from "@/lib/http/json";
import { limitActor } from "@/lib/ratelimit";
import { signPetition, withdrawSignature } from "@/lib/signatures";

export const dynamic = "force-dynamic";

/** POST /api/petitions/{id}/signature {"visibility":"named"|"anonymous"}: sign as yourself. */
export function POST(request: Request, ctx: RouteContext<"/api/petitions/[id]/signature">) {
  return handle(request, async () => {
    assertSameOrigin(request);
    const { id } = await ctx.params;
    const body = await readJson(request);
    const actor = await limitActor("sign", await getActor());
    const result = await signPetition(db, actor, id, body);
    return reply(signResultSchema, result, { status: result.status === "signed" ? 201 : 200, headers: { "Cache-Control": "no-store" } });
  });
}

/** DELETE /api/petitions/{id}/signature: withdraw your signature while the petition is open. */
export function DELETE(request: Request, ctx: RouteContext<"/api/petitions/[id]/signature">) {
  return handle(request, async () => {
    assertSameOrigin(request);
    const { id } = await ctx.params;
    const actor = await limitActor("sign", await getActor());
    const result = await withdrawSignature(db, actor, id);
    return reply(withdrawResultSchema, result, { headers: { "Cache-Control": "no-store" } });
  });
}
