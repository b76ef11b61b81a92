import "server-only";
// Started once by instrumentation.ts: GET /api/me (pages/api/me.ts) reads a person's view of a
// shared page through the instrumentation bundle's database client (./reader.ts). The session is
// read as every page reads it (lib/auth/session.ts): the cookie's claims, then the account row,
// which is the authority on role and sign-out.
import { readSessionClaims } from "@/lib/auth/session-token";
import { db } from "@/lib/db/server";
import { getActorById } from "@/lib/users";
import { keepPersonalReader, type PersonalReader } from "./reader";
import { personalView } from "./view";

export function personalReader(): PersonalReader {
  return keepPersonalReader(() => async (cookie, path) => {
    const claims = await readSessionClaims(cookie);
    if (!claims) return null;
    const actor = await getActorById(db, claims.userId, claims.sessionVersion);
    return actor ? personalView(db, actor, path) : null;
  });
}
