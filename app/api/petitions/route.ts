import { db } from "@/lib/db/server";
import { reply } from "@/lib/api/reply";
import { petitionPageSchema } from "@/lib/api/schemas";
import { handle } from "@/lib/http/json";
import { listPetitions } from "@/lib/petitions/queries";

export const dynamic = "force-dynamic";

/** GET /api/petitions?list=open|awaiting|responded|closed|trending&q=&sort=newest|signed|closing&cursor=&limit= */
export function GET(request: Request) {
  return handle(request, async () => {
    const params = Object.fromEntries(new URL(request.url).searchParams);
    const page = await listPetitions(db, { list: params.state ?? params.list, q: params.q, sort: params.sort, cursor: params.cursor, limit: params.limit });
    return reply(petitionPageSchema, page);
  });
}
