import "server-only";
import { cache } from "react";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/server";
import { getActorById } from "@/lib/users";
import { auth } from "./index";

/** The signed-in account for this request, or null. Cached per request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  if (!session?.userId) return null;
  return getActorById(db, session.userId, session.sessionVersion ?? 0);
});
