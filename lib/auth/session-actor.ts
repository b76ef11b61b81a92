import "server-only";
// The account behind a request's session cookie, however the request arrived: pages, actions and
// route handlers through getActor (./session.ts), the Pages Router API routes through the services
// instrumentation.ts starts (a person's view, signing). The cookie's claims, then the account row,
// which is the authority on role and sign-out (docs/decisions/007, 015).
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/server";
import { getActorById } from "@/lib/users";
import { readSessionClaims } from "./session-token";

export async function actorOfCookies(cookie: (name: string) => string | undefined): Promise<Actor | null> {
  const claims = await readSessionClaims(cookie);
  if (!claims) return null;
  return getActorById(db, claims.userId, claims.sessionVersion);
}
