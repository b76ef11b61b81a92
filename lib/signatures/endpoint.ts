// POST and DELETE /api/petitions/{id}/signature are a Pages Router API route (pages/api/petitions/
// [id]/signature.ts, docs/decisions/036), which the proxy does not run for: the route reads the
// body as the proxy would (lib/http/request-guard.ts readApiBody) and hands the call to the
// signature endpoint that instrumentation.ts starts (./endpoint-service.ts), found here.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { HeaderOf, JsonAnswer } from "@/lib/http/json";
import { SIGNATURE_LISTENER } from "@/lib/runtime/node-routes.mjs";
import { started } from "@/lib/runtime/started";

/** One signing request, as the route read it. */
export type SignatureCall = {
  method: "POST" | "DELETE";
  petitionId: string;
  header: HeaderOf;
  cookie: (name: string) => string | undefined;
  /** The body's text, within the body limit and UTF-8 (the route refused it otherwise). */
  body: string;
};

export type SignatureEndpoint = (call: SignatureCall) => Promise<JsonAnswer>;

const slot = started<SignatureEndpoint>("undersignedSignatureEndpoint");
export const keepSignatureEndpoint = slot.keep;
export const runningSignatureEndpoint = slot.running;

/** The same, as the listener server.mjs calls before Next.js's router (docs/decisions/037). */
export type SignatureListener = (req: IncomingMessage, res: ServerResponse, petitionId: string) => Promise<void>;

export const keepSignatureListener = started<SignatureListener>(SIGNATURE_LISTENER).keep;
