import { startIssuanceRecords } from "@/lib/anonymity/issuance";
import { getAllowance, issueTokens } from "@/lib/anonymity/tokens";
import { reply } from "@/lib/api/reply";
import { allowanceSchema, issuedTokensSchema } from "@/lib/api/schemas";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { assertSameOrigin, handle, readJson } from "@/lib/http/json";
import { limitActor } from "@/lib/ratelimit";

export const dynamic = "force-dynamic";

/** GET /api/tokens: your anonymous-token allowance this week. */
export function GET(request: Request) {
  return handle(request, async () => reply(allowanceSchema, await getAllowance(db, await getActor()), { headers: { "Cache-Control": "private, no-store" } }));
}

/** POST /api/tokens {"blindedMessages": [base64, ...]}: blind-signs up to the rest of the week's allowance. */
export function POST(request: Request) {
  // Collections wait in this process until their week is over (decision 028); the timer that
  // writes them starts with the first collection.
  startIssuanceRecords(db);
  return handle(request, async () => {
    assertSameOrigin(request);
    const actor = await limitActor("tokens", await getActor());
    const result = await issueTokens(db, actor, await readJson(request, 64_000));
    return reply(issuedTokensSchema, result, { headers: { "Cache-Control": "no-store" } });
  });
}
