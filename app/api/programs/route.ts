import { reply } from "@/lib/api/reply";
import { programListQuerySchema, programListSchema } from "@/lib/api/schemas";
import { db } from "@/lib/db/server";
import { parseInput } from "@/lib/errors";
import { handle } from "@/lib/http/json";
import { listPrograms } from "@/lib/programs";

export const dynamic = "force-dynamic";

/** GET /api/programs?status=proposed|not_started|active|paused|ended (the shown status) */
export function GET(request: Request) {
  return handle(request, async () => {
    const query = parseInput(programListQuerySchema, { status: new URL(request.url).searchParams.get("status") ?? undefined });
    return reply(programListSchema, { items: await listPrograms(db, query) });
  });
}
