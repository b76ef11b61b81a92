import { msg } from "@/lib/i18n/message";
import { reply } from "@/lib/api/reply";
import { postedAnswerSchema } from "@/lib/api/schemas";
import { answerAsAuthor, startAnswerBatches } from "@/lib/comments/conversation";
import { db } from "@/lib/db/server";
import { DomainError } from "@/lib/errors";
import { assertSameOrigin, handle, readJson } from "@/lib/http/json";
import { limit } from "@/lib/ratelimit";

export const dynamic = "force-dynamic";

/**
 * POST /api/comments/answers {"questionId", "body", "nonce", "signature"}
 *
 * The author's door (docs/decisions/026): like the comment door, it never reads the session and
 * refuses any request with a Cookie or Authorization header. The signature, by the key the
 * comment was written with, is the only proof of who may answer; it says nothing about who that is.
 * Answers 202 {"status": "queued", "publishAt"}: published with the next batch.
 */
export function POST(request: Request) {
  // The queue lives in this module's copy of lib/comments/conversation, so its timer starts here.
  startAnswerBatches(db);
  return handle(request, async () => {
    if (request.headers.has("cookie") || request.headers.has("authorization")) {
      throw new DomainError("invalid_input", msg("Errors.api.anonymousAnswerWithCredentials"));
    }
    assertSameOrigin(request);
    // The same global budget as anonymous comments, spent only by a verified new answer, just
    // before it is queued: forged or repeated answers are refused first and never count.
    const posted = await answerAsAuthor(db, await readJson(request, 32_000), { admit: () => limit("comment", "everyone") });
    return reply(postedAnswerSchema, posted, { status: 202, headers: { "Cache-Control": "no-store" } });
  });
}
