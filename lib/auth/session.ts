import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import type { Actor } from "@/lib/auth/actor";
import { actorOfCookies } from "./session-actor";

/**
 * The signed-in account for this request, or null. Cached per request. Reads the session
 * cookie directly rather than through `auth()`, which would also re-encrypt the token on every
 * call for nothing (a server component cannot set the cookie); the account row is the authority
 * on role and sign-out, as before (docs/decisions/007, 015).
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const jar = await cookies();
  return actorOfCookies((name) => jar.get(name)?.value);
});
