import { publishedKeys } from "@/lib/anonymity/keys";
import { reply } from "@/lib/api/reply";
import { publishedKeysSchema } from "@/lib/api/schemas";
import { db } from "@/lib/db/server";
import { handle } from "@/lib/http/json";

export const dynamic = "force-dynamic";

/** GET /api/tokens/keys: the public keys that verify anonymous tokens now (this week, last week). */
export function GET(request: Request) {
  return handle(request, async () => reply(publishedKeysSchema, { keys: await publishedKeys(db) }, { headers: { "Cache-Control": "public, max-age=60" } }));
}
