// POST /api/petitions/{id}/signature {"visibility":"named", "token"?}: sign as yourself (201, or 200
// when you had signed already); DELETE: withdraw your signature while the petition is open.
//
// A Pages Router API route, as the count and GET /api/me are, and one the proxy does not run for
// (docs/decisions/036): signing is the write that arrives in bursts when an all-staff email links
// a petition, and an App Router route handler behind the proxy cost twice the server time of the
// work itself. The body is read and refused here as the proxy refuses every other API body; the
// rest (origin, session, rate limit, domain) is the signature endpoint's (lib/signatures).
import type { NextApiRequest, NextApiResponse } from "next";
import { failApi, failUnexpected, requestHeader, serviceFor } from "@/lib/http/pages-api";
import { readApiBody, refusalCode } from "@/lib/http/request-guard";
import { msg } from "@/lib/i18n/message";
import { runningSignatureEndpoint } from "@/lib/signatures/endpoint";

export const config = { api: { bodyParser: false } };

/** The methods this route answers; the API contract test reads this line (test/e2e/api-contract.spec.ts). */
const METHODS = ["POST", "DELETE"];

export default async function signature(req: NextApiRequest, res: NextApiResponse) {
  const endpoint = serviceFor(req, res, { methods: METHODS, wrongMethod: msg("Errors.api.signatureMethods") }, runningSignatureEndpoint);
  if (!endpoint) return;
  const method = req.method === "DELETE" ? "DELETE" : "POST";
  const body = await readApiBody(req);
  if ("refusal" in body) {
    // The rest of a body over the limit is not read; the connection ends with this answer.
    if (body.refusal.status === 413) res.setHeader("Connection", "close");
    return failApi(req, res, body.refusal.status, refusalCode(body.refusal), body.refusal.text);
  }
  let answer;
  try {
    answer = await endpoint({ method, petitionId: String(req.query.id), header: (name) => requestHeader(req, name), cookie: (name) => req.cookies[name], body: body.text });
  } catch (error) {
    return failUnexpected(req, res, error);
  }
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}
