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
import { failApi, failUnexpected, requestHeader, serviceFor } from "@/lib/http/pages-api";
import { msg } from "@/lib/i18n/message";
import { COUNT_CACHE_CONTROL } from "@/lib/petitions/count-freshness";
import { runningCountReader } from "@/lib/petitions/count-reader";

export const config = { api: { bodyParser: false } };

/** The methods this route answers; the API contract test reads this line (test/e2e/api-contract.spec.ts). */
const METHODS = ["GET"];

export default async function count(req: NextApiRequest, res: NextApiResponse) {
  const read = serviceFor(req, res, { methods: METHODS, head: true, wrongMethod: msg("Errors.api.countReadWithGet") }, runningCountReader);
  if (!read) return;
  const id = req.query.id;
  let version;
  try {
    version = typeof id === "string" ? await read(id) : null;
  } catch (error) {
    return failUnexpected(req, res, error);
  }
  if (!version) return failApi(req, res, 404, "not_found", msg("Errors.common.noPublicPetition"));
  const answer = answerCacheable({ ifNoneMatch: requestHeader(req, "if-none-match"), ifModifiedSince: requestHeader(req, "if-modified-since") }, version, COUNT_CACHE_CONTROL);
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body ?? undefined);
}
