import "server-only";
// Started once by instrumentation.ts: signing by name and withdrawing through the API
// (./endpoint.ts says why here). The same steps, in the same order, as every other route of the
// API: the origin, the body, the session, the person's rate limit, then the domain (./index.ts);
// a typed error becomes its JSON answer in the request's language.
import { localeOfHeaders } from "@/i18n/locales";
import { signResultSchema, withdrawResultSchema } from "@/lib/api/schemas";
import { fitting } from "@/lib/api/reply";
import { actorOfCookies } from "@/lib/auth/session-actor";
import { db } from "@/lib/db/server";
import { assertSameOriginHeaders, errorAnswer, jsonAnswer, readJsonText } from "@/lib/http/json";
import { limitActor } from "@/lib/ratelimit";
import { keepSignatureEndpoint, keepSignatureListener, type SignatureEndpoint } from "./endpoint";
import { signPetition, withdrawSignature } from "./index";
import { answerSignatureRequest } from "./signature-request";

/** Starts the endpoint, and the listener that answers with it before Next.js's router (server.mjs). */
export function signatureEndpoint(): SignatureEndpoint {
  const endpoint = keepSignatureEndpoint(makeEndpoint);
  keepSignatureListener(() => (req, res, petitionId) => answerSignatureRequest(req, res, petitionId, endpoint));
  return endpoint;
}

function makeEndpoint(): SignatureEndpoint {
  return async (call) => {
    try {
      assertSameOriginHeaders(call.header);
      if (call.method === "POST") {
        const input = readJsonText(call.header("content-type"), call.body);
        const actor = await limitActor("sign", await actorOfCookies(call.cookie));
        const result = await signPetition(db, actor, call.petitionId, input);
        return jsonAnswer(result.status === "signed" ? 201 : 200, fitting(signResultSchema, result));
      }
      const actor = await limitActor("sign", await actorOfCookies(call.cookie));
      return jsonAnswer(200, fitting(withdrawResultSchema, await withdrawSignature(db, actor, call.petitionId)));
    } catch (error) {
      return errorAnswer(error, localeOfHeaders(call.header("cookie"), call.header("accept-language")));
    }
  };
}
