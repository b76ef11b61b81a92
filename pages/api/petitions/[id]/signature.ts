// POST /api/petitions/{id}/signature {"visibility":"named", "token"?}: sign as yourself (201, or 200
// when you had signed already); DELETE: withdraw your signature while the petition is open.
//
// A Pages Router API route, as the count and GET /api/me are, and one the proxy does not run for
// (docs/decisions/036): signing is the write that arrives in bursts when an all-staff email links
// a petition. In production the server answers POST and DELETE of this address before Next.js's
// router, with the same function (server.mjs, docs/decisions/037); this route answers them under
// `next dev`, during the first moments of a start, and every other method (405).
import type { NextApiRequest, NextApiResponse } from "next";
import { serviceFor } from "@/lib/http/pages-api";
import { msg } from "@/lib/i18n/message";
import { runningSignatureEndpoint } from "@/lib/signatures/endpoint";
import { answerSignatureRequest } from "@/lib/signatures/signature-request";

export const config = { api: { bodyParser: false } };

/** The methods this route answers; the API contract test reads this line (test/e2e/api-contract.spec.ts). */
const METHODS = ["POST", "DELETE"];

export default async function signature(req: NextApiRequest, res: NextApiResponse) {
  const endpoint = serviceFor(req, res, { methods: METHODS, wrongMethod: msg("Errors.api.signatureMethods") }, runningSignatureEndpoint);
  if (!endpoint) return;
  await answerSignatureRequest(req, res, String(req.query.id), endpoint);
}
