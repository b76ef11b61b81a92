import { db } from "@/lib/db/server";
import { handle } from "@/lib/http/json";
import { listPrograms } from "@/lib/programs";

export const dynamic = "force-dynamic";

/** GET /api/programs?status=proposed|active|paused|ended */
export function GET(request: Request) {
  return handle(async () => {
    const status = new URL(request.url).searchParams.get("status") ?? undefined;
    return Response.json({ items: await listPrograms(db, { status }) });
  });
}
