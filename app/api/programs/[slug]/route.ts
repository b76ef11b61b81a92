import { reply } from "@/lib/api/reply";
import { programDetailSchema } from "@/lib/api/schemas";
import { db } from "@/lib/db/server";
import { handle } from "@/lib/http/json";
import { getProgram } from "@/lib/programs";

export const dynamic = "force-dynamic";

/** GET /api/programs/{slug}: facts, policy versions with differences, status history, petitions. */
export function GET(request: Request, ctx: RouteContext<"/api/programs/[slug]">) {
  return handle(request, async () => {
    const { slug } = await ctx.params;
    return reply(programDetailSchema, await getProgram(db, slug));
  });
}
