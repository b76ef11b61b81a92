// GET /api/stream?petition={id}: Server-Sent Events. Sends `count` messages for that petition (or
// for every petition when none is given) and `event` messages for new timeline events that match.
// Public data only; no session is read.
//
// This route is a Pages Router API route (as is the count, decision 015): it gets Node's own request
// and response, so an open stream costs a fifth of what an App Router route handler holds for it
// (decision 025). Everything else stays in app/.
import type { NextApiRequest, NextApiResponse } from "next";
import { streamQuerySchema } from "@/lib/api/schemas";
import { failApi, serviceFor } from "@/lib/http/pages-api";
import { msg } from "@/lib/i18n/message";
import { runningStreamHub } from "@/lib/live/sse";

export const config = { api: { bodyParser: false, responseLimit: false } };

/** The methods this route answers; the API contract test reads this line (test/e2e/api-contract.spec.ts). */
const METHODS = ["GET"];

export default function stream(req: NextApiRequest, res: NextApiResponse) {
  const hub = serviceFor(req, res, { methods: METHODS, head: true, wrongMethod: msg("Errors.api.streamReadWithGet") }, runningStreamHub);
  if (!hub) return;
  const petition = req.query.petition;
  const query = Array.isArray(petition) ? null : streamQuerySchema.safeParse({ petition: petition || undefined });
  if (!query?.success) return failApi(req, res, 400, "invalid_input", msg("Errors.api.streamQuery"));
  hub.open(req, res, query.data.petition ?? null);
}
