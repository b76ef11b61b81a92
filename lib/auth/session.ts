import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/server";
import { getActorById } from "@/lib/users";
import { readSessionClaims } from "./session-token";

/**
 * The signed-in account for this request, or null. Cached per request. Reads the session
 * cookie directly rather than through `auth()`, which would also re-encrypt the token on every
 * call for nothing (a server component cannot set the cookie); the account row is the authority
 * on role and sign-out, as before (docs/decisions/007, 015).
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const jar = await cookies();
  const claims = await readSessionClaims((name) => jar.get(name)?.value);
  if (!claims) return null;
  return getActorById(db, claims.userId, claims.sessionVersion);
});
