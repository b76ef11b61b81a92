import { reply } from "@/lib/api/reply";
import { unsubscribedSchema } from "@/lib/api/schemas";
import { authSecrets } from "@/lib/config";
import { db } from "@/lib/db/server";
import { handle } from "@/lib/http/json";
import { unsubscribe } from "@/lib/notifications";

export const dynamic = "force-dynamic";

/** POST /api/unsubscribe?token=: RFC 8058 one-click unsubscribe from mail clients; no sign-in. */
export function POST(request: Request) {
  return handle(request, async () => {
    await unsubscribe(db, new URL(request.url).searchParams.get("token"), authSecrets());
    return reply(unsubscribedSchema, { status: "unsubscribed" });
  });
}
