import { postAnonymousComment } from "@/lib/comments";
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
 */
export function POST(request: Request) {
  return handle(async () => {
    if (request.headers.has("cookie") || request.headers.has("authorization")) {
      throw new DomainError(
        "invalid_input",
        "Anonymous comments must be sent without cookies or credentials, so they cannot be tied to an account.",
      );
    }
    assertSameOrigin(request);
    await limit("comment", "everyone");
    const posted = await postAnonymousComment(db, await readJson(request, 32_000));
    return Response.json(posted, { status: 201, headers: { "Cache-Control": "no-store" } });
  });
}
