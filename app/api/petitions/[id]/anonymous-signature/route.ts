import { msg } from "@/lib/i18n/message";
import { reply } from "@/lib/api/reply";
import { anonymousSignatureAnswerSchema } from "@/lib/api/schemas";
import { db } from "@/lib/db/server";
import { DomainError } from "@/lib/errors";
import { assertSameOrigin, handle, readJson } from "@/lib/http/json";
import { queueAnonymous, startSignatureBatches, type AnonOp } from "@/lib/signatures/anonymous";

export const dynamic = "force-dynamic";

// The anonymous door for signatures (decision 018): this handler never reads the session and
// refuses any request that carries a Cookie or Authorization header, so an anonymous signature
// never arrives together with the account. The browser sends it with `credentials: "omit"`.
// There is no rate-limit row at all (on PostgreSQL one would date the moment): there is no
// account to limit, one token per petition is the per-person limit, and the batch queue's size
// is the global cap.
function door(op: AnonOp) {
  return (request: Request, ctx: RouteContext<"/api/petitions/[id]/anonymous-signature">) => {
    startSignatureBatches(db);
    return handle(request, async () => {
      if (request.headers.has("cookie") || request.headers.has("authorization")) {
        throw new DomainError("invalid_input", msg("Errors.api.anonymousSignatureWithCredentials"));
      }
      assertSameOrigin(request);
      const { id } = await ctx.params;
      const answer = await queueAnonymous(db, id, op, await readJson(request, 4_000));
      return reply(anonymousSignatureAnswerSchema, answer, { status: answer.status === "queued" ? 202 : 200, headers: { "Cache-Control": "no-store" } });
    });
  };
}

/** POST {"token": {nonce, signature}}: sign anonymously; 202 queued for the next batch, 200 counted. */
export const POST = door("sign");
/** DELETE {"token"}: withdraw the anonymous signature this token made; 202 queued, 200 withdrawn. */
export const DELETE = door("withdraw");
/** PUT {"token"}: attach the token to a signature made before tokens existed (after a legacy claim). */
export const PUT = door("attach");
