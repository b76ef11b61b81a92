import { msg } from "@/lib/i18n/message";
import { reply } from "@/lib/api/reply";
import { postedCommentSchema } from "@/lib/api/schemas";
import { postAnonymousComment, startCommentBatches } from "@/lib/comments";
import { db } from "@/lib/db/server";
import { DomainError } from "@/lib/errors";
import { assertSameOrigin, handle, readJson } from "@/lib/http/json";
import { limit } from "@/lib/ratelimit";

export const dynamic = "force-dynamic";

/**
 * POST /api/comments {"thread": {"programSlug"} | {"petitionId"}, "parentId"?, "body", "token"}
 *
 * The anonymous door: this handler never reads the session, and it refuses any request that
 * carries a Cookie or Authorization header, so an anonymous comment can never arrive together
 * with the account that wrote it. The browser sends it with `credentials: "omit"`.
 *
 * Answers 202 {"status": "queued", "publishAt", "crowd"} for a comment waiting for its batch (or
 * re-sent while it waits), 200 {"status": "published"} for a re-send of a published one.
 */
export function POST(request: Request) {
  // The queue lives in this module's copy of lib/comments, so its timer starts here.
  startCommentBatches(db);
  return handle(request, async () => {
    if (request.headers.has("cookie") || request.headers.has("authorization")) {
      throw new DomainError(
        "invalid_input",
        msg("Errors.api.anonymousCommentWithCredentials"),
      );
    }
    assertSameOrigin(request);
    // The global budget is spent only by a valid token with a new comment, just before it is
    // queued: junk (no token, a forged or spent one) is refused first and never counts.
    const posted = await postAnonymousComment(db, await readJson(request, 32_000), { admit: () => limit("comment", "everyone") });
    // 202: accepted, and published with the next batch; 200 for a re-send of a published comment.
    return reply(postedCommentSchema, posted, { status: posted.status === "queued" ? 202 : 200, headers: { "Cache-Control": "no-store" } });
  });
}
