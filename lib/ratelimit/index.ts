import "server-only";
// The server's rate limits, applied where requests enter (route handlers and server actions), so
// the seed, scripts and tests calling the domain directly are not throttled. Anonymous comments
// cannot be limited per person without linking a comment to one; the weekly token allowance is
// their per-person limit, and a global limit caps bursts. Rules and stores: ./limiter.ts.
import type { Actor } from "@/lib/auth/actor";
import { serverConfig } from "@/lib/config";
import { db } from "@/lib/db/server";
import { createRateLimiter, type Kind, type RateLimiter } from "./limiter";

export type { Kind } from "./limiter";

let limiter: RateLimiter | null = null;
function server(): RateLimiter {
  limiter ??= createRateLimiter(db, {
    scale: serverConfig().UNDERSIGNED_RATE_LIMIT_SCALE,
    enabled: serverConfig().UNDERSIGNED_RATE_LIMITS,
  });
  return limiter;
}

export const limit = (kind: Kind, key: string) => server().limit(kind, key);
export const limitActor = (kind: Kind, actor: Actor | null) => server().limitActor(kind, actor);
