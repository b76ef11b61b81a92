import { publishedKeys } from "@/lib/anonymity/keys";
import { db } from "@/lib/db/server";
import { handle } from "@/lib/http/json";

export const dynamic = "force-dynamic";

/** GET /api/tokens/keys: the public keys that verify anonymous tokens now (this week, last week). */
export function GET() {
  return handle(async () => Response.json({ keys: await publishedKeys(db) }, { headers: { "Cache-Control": "public, max-age=60" } }));
}
