// GET /api/petitions/{id}/count: the live count ({ id, signatureCount, goal, state }), the same for
// everyone. The answer is prepared once per version and served from memory for
// COUNT_FRESH_SECONDS, which is also its max-age, so a proxy or CDN in front may serve it too
// (README "A cache or CDN in front"); pollers revalidate with If-None-Match or If-Modified-Since
// and get a 304. No session is read, and proxy.ts skips this address.
//
// A Pages Router API route, as the live stream is (decision 025): Next.js hands it Node's request
// and response, which costs about half of what an App Router route handler does per request
// (issue 15, point 3; decision 015). The reader comes from instrumentation.ts (count-reader.ts).
import type { NextApiRequest, NextApiResponse } from "next";
import { answerCacheable } from "@/lib/http/conditional";
import { COUNT_CACHE_CONTROL } from "@/lib/petitions/count-freshness";
import { runningCountReader } from "@/lib/petitions/count-reader";

export const config = { api: { bodyParser: false } };

/** The methods this route answers; the API contract test reads this line (test/e2e/api-contract.spec.ts). */
const METHODS = ["GET"];

const header = (req: NextApiRequest, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(", ") : (value ?? null);
};

function fail(res: NextApiResponse, status: number, code: string, message: string) {
  res.setHeader("Cache-Control", "no-store");
  res.status(status).json({ error: { code, message } });
}

export default async function count(req: NextApiRequest, res: NextApiResponse) {
  if (!METHODS.includes(req.method ?? "") && req.method !== "HEAD") {
    res.setHeader("Allow", [...METHODS, "HEAD"].join(", "));
    return fail(res, 405, "method_not_allowed", "The count is read with GET.");
  }
  const read = runningCountReader();
  if (!read) {
    res.setHeader("Retry-After", "3");
    return fail(res, 503, "starting", "The server is still starting; try again in a few seconds.");
  }
  const id = req.query.id;
  let version;
  try {
    version = typeof id === "string" ? await read(id) : null;
  } catch (error) {
    // Only the error's class: nothing of the request is logged.
    console.error(`[api] unexpected ${error instanceof Error ? error.name : "UnknownError"}`);
    return fail(res, 500, "internal", "Something went wrong on our side; please try again.");
  }
  if (!version) return fail(res, 404, "not_found", "No public petition with this id.");
  const answer = answerCacheable({ ifNoneMatch: header(req, "if-none-match"), ifModifiedSince: header(req, "if-modified-since") }, version, COUNT_CACHE_CONTROL);
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body ?? undefined);
}
