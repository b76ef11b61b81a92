// GET /api/me answered on Node's request and response: by the Pages Router route (pages/api/me.ts)
// and by the listener the server runs before Next.js's router (server.mjs, docs/decisions/037),
// which instrumentation.ts starts with the reader. One function, so both answer alike. Never
// cached; nothing of it is logged.
import type { IncomingMessage, ServerResponse } from "node:http";
import { meQuerySchema } from "@/lib/api/schemas";
import { failApi, failUnexpected, requestCookie } from "@/lib/http/pages-api";
import { msg } from "@/lib/i18n/message";
import type { PersonalReader } from "./reader";

/** Answers one GET of /api/me, whose `path` parameter is given as the query has it (repeated: an array); never throws. */
export async function answerMeRequest(req: IncomingMessage, res: ServerResponse, pathParam: string | string[] | undefined, read: PersonalReader): Promise<void> {
  const query = Array.isArray(pathParam) ? null : meQuerySchema.safeParse({ path: pathParam });
  if (!query?.success) return failApi(req, res, 400, "invalid_input", msg("Errors.api.meQuery"));
  let view;
  try {
    view = await read((name) => requestCookie(req, name), query.data.path ?? "/");
  } catch (error) {
    return failUnexpected(req, res, error);
  }
  if (!view) return failApi(req, res, 401, "unauthenticated", msg("Errors.api.meSignedOut"));
  res.writeHead(200, { "Cache-Control": "private, no-store", "Content-Type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(view));
}

/** The `path` parameter of a query string as Next.js's `req.query` gives it: absent, one value, or every value when repeated. */
export function pathParamOf(search: string): string | string[] | undefined {
  const values = new URLSearchParams(search).getAll("path");
  return values.length === 0 ? undefined : values.length === 1 ? values[0] : values;
}
