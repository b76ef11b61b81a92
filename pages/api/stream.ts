// GET /api/stream?petition={id}: Server-Sent Events. Sends `count` messages for that petition (or
// for every petition when none is given) and `event` messages for new timeline events that match.
// Public data only; no session is read.
//
// This route is a Pages Router API route (as is the count, decision 015): it gets Node's own request
// and response, so an open stream costs a fifth of what an App Router route handler holds for it
// (decision 025). Everything else stays in app/.
import type { NextApiRequest, NextApiResponse } from "next";
import { streamQuerySchema } from "@/lib/api/schemas";
import { runningStreamHub } from "@/lib/live/sse";

export const config = { api: { bodyParser: false, responseLimit: false } };

/** The methods this route answers; the API contract test reads this line (test/e2e/api-contract.spec.ts). */
const METHODS = ["GET"];

export default function stream(req: NextApiRequest, res: NextApiResponse) {
  if (!METHODS.includes(req.method ?? "") && req.method !== "HEAD") {
    res.setHeader("Allow", [...METHODS, "HEAD"].join(", "));
    res.status(405).json({ error: { code: "method_not_allowed", message: "The live stream is read with GET." } });
    return;
  }
  const petition = req.query.petition;
  const query = Array.isArray(petition) ? null : streamQuerySchema.safeParse({ petition: petition || undefined });
  if (!query?.success) {
    const message = query ? query.error.issues.map((i) => i.message).join(" ") : "Give at most one petition id.";
    res.status(400).json({ error: { code: "invalid_input", message: `${message} The stream is read as /api/stream?petition={id}.` } });
    return;
  }
  const hub = runningStreamHub();
  if (!hub) {
    res.setHeader("Retry-After", "3");
    res.status(503).json({ error: { code: "starting", message: "The server is still starting; try again in a few seconds." } });
    return;
  }
  hub.open(req, res, query.data.petition ?? null);
}
