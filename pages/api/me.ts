// GET /api/me?path=/petitions/<slug>: the signed-in person's view of a shared page (lib/personal,
// docs/decisions/035), which the page's script asks for once when the proxy served them the page
// everyone gets. 200 with { account, petition? }; 401 without a valid session, and the page then
// stays as signed-out visitors see it. Never cached; nothing of it is logged. In production the
// server answers GET of this address before Next.js's router, with the same function (server.mjs,
// docs/decisions/037); this route answers it under `next dev`, during the first moments of a
// start, and every other method (405).
import type { NextApiRequest, NextApiResponse } from "next";
import { serviceFor } from "@/lib/http/pages-api";
import { msg } from "@/lib/i18n/message";
import { answerMeRequest } from "@/lib/personal/me-request";
import { runningPersonalReader } from "@/lib/personal/reader";

export const config = { api: { bodyParser: false } };

/** The methods this route answers; the API contract test reads this line (test/e2e/api-contract.spec.ts). */
const METHODS = ["GET"];

export default async function me(req: NextApiRequest, res: NextApiResponse) {
  const read = serviceFor(req, res, { methods: METHODS, wrongMethod: msg("Errors.api.meReadWithGet") }, runningPersonalReader);
  if (!read) return;
  await answerMeRequest(req, res, req.query.path, read);
}
