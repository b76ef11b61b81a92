// Signing by name and withdrawing, answered on Node's request and response: by the Pages Router
// route (pages/api/petitions/[id]/signature.ts) and by the listener the server runs before
// Next.js's router (server.mjs, docs/decisions/037), which instrumentation.ts starts with the
// endpoint. One function, so both answer alike: the body read and refused as the proxy refuses
// every other API body, then the endpoint (origin, session, rate limit, domain).
import type { IncomingMessage, ServerResponse } from "node:http";
import { failApi, failUnexpected, requestCookie, requestHeader, sendAnswer } from "@/lib/http/pages-api";
import { readApiBody, refusalCode } from "@/lib/http/request-guard";
import type { SignatureEndpoint } from "./endpoint";

/** Answers one POST or DELETE of /api/petitions/{petitionId}/signature; never throws. */
export async function answerSignatureRequest(req: IncomingMessage, res: ServerResponse, petitionId: string, endpoint: SignatureEndpoint): Promise<void> {
  try {
    const body = await readApiBody(req);
    if ("refusal" in body) {
      // The rest of a body over the limit is not read; the connection ends with this answer.
      if (body.refusal.status === 413) res.setHeader("Connection", "close");
      return failApi(req, res, body.refusal.status, refusalCode(body.refusal), body.refusal.text);
    }
    const method = req.method === "DELETE" ? "DELETE" : "POST";
    const answer = await endpoint({ method, petitionId, header: (name) => requestHeader(req, name), cookie: (name) => requestCookie(req, name), body: body.text });
    sendAnswer(res, answer);
  } catch (error) {
    // An aborted request, or a response already ended: nothing to answer on a closed socket.
    if (res.headersSent) return void res.destroy();
    failUnexpected(req, res, error);
  }
}
