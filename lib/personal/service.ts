import "server-only";
// Started once by instrumentation.ts: GET /api/me (pages/api/me.ts) reads a person's view of a
// shared page through the instrumentation bundle's database client (./reader.ts). The session is
// read as every page reads it (lib/auth/session-actor.ts).
import { actorOfCookies } from "@/lib/auth/session-actor";
import { db } from "@/lib/db/server";
import { answerMeRequest, pathParamOf } from "./me-request";
import { keepPersonalListener, keepPersonalReader, type PersonalReader } from "./reader";
import { personalView } from "./view";

/** Starts the reader, and the listener that answers with it before Next.js's router (server.mjs). */
export function personalReader(): PersonalReader {
  const read = keepPersonalReader(() => async (cookie, path) => {
    const actor = await actorOfCookies(cookie);
    return actor ? personalView(db, actor, path) : null;
  });
  keepPersonalListener(() => (req, res, search) => answerMeRequest(req, res, pathParamOf(search), read));
  return read;
}
