// GET /api/me?path=/petitions/<slug>: the signed-in person's view of a shared page (lib/personal,
// docs/decisions/035), which the page's script asks for once when the proxy served them the page
// everyone gets. 200 with { account, petition? }; 401 without a valid session, and the page then
// stays as signed-out visitors see it. Never cached; nothing of it is logged.
import type { NextApiRequest, NextApiResponse } from "next";
import { meQuerySchema } from "@/lib/api/schemas";
import { failApi, failUnexpected, serviceFor } from "@/lib/http/pages-api";
import { msg } from "@/lib/i18n/message";
import { runningPersonalReader } from "@/lib/personal/reader";

export const config = { api: { bodyParser: false } };

/** The methods this route answers; the API contract test reads this line (test/e2e/api-contract.spec.ts). */
const METHODS = ["GET"];

export default async function me(req: NextApiRequest, res: NextApiResponse) {
  const read = serviceFor(req, res, { methods: METHODS, wrongMethod: msg("Errors.api.meReadWithGet") }, runningPersonalReader);
  if (!read) return;
  const query = Array.isArray(req.query.path) ? null : meQuerySchema.safeParse({ path: req.query.path });
  if (!query?.success) return failApi(req, res, 400, "invalid_input", msg("Errors.api.meQuery"));
  const path = query.data.path ?? "/";
  let view;
  try {
    view = await read((name) => req.cookies[name], path);
  } catch (error) {
    return failUnexpected(req, res, error);
  }
  if (!view) return failApi(req, res, 401, "unauthenticated", msg("Errors.api.meSignedOut"));
  res.setHeader("Cache-Control", "private, no-store");
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.end(JSON.stringify(view));
}
