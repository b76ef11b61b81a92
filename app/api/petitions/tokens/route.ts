import { reply } from "@/lib/api/reply";
import { collectableSignTokensSchema, collectedSignTokensSchema } from "@/lib/api/schemas";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { assertSameOrigin, handle, readJson } from "@/lib/http/json";
import { limitActor } from "@/lib/ratelimit";
import { collectableTokens, collectTokens } from "@/lib/signatures/tokens";

export const dynamic = "force-dynamic";

/** GET /api/petitions/tokens: the open petitions whose signing token you have not collected, with their keys. */
export function GET(request: Request) {
  return handle(request, async () => reply(collectableSignTokensSchema, { petitions: await collectableTokens(db, await getActor()) }, { headers: { "Cache-Control": "private, no-store" } }));
}

/** POST /api/petitions/tokens {"tokens": [{petitionId, keyId, blindedMessage}]}: one blind-signed token per petition, all in one transaction. */
export function POST(request: Request) {
  return handle(request, async () => {
    assertSameOrigin(request);
    const actor = await limitActor("tokens", await getActor());
    return reply(collectedSignTokensSchema, await collectTokens(db, actor, await readJson(request, 64_000)), { headers: { "Cache-Control": "no-store" } });
  });
}
