// Per-account rate limits with rate-limiter-flexible, applied where requests enter (route
// handlers and server actions), so the seed, scripts and tests calling the domain directly are
// not throttled. Anonymous comments cannot be limited per person without linking a comment to
// one; the weekly token allowance is their per-person limit, and a global limit caps bursts.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";

export type Kind = "sign" | "petition" | "tokens" | "comment";

const RULES: Record<Kind, { points: number; duration: number; what: string }> = {
  sign: { points: 30, duration: 60, what: "signature changes" },
  petition: { points: 10, duration: 3600, what: "new petitions" },
  tokens: { points: 10, duration: 60, what: "token requests" },
  comment: { points: 300, duration: 60, what: "anonymous comments across everyone" },
};

const scale = Number(process.env.UNDERSIGNED_RATE_LIMIT_SCALE ?? 1);
const limiters = Object.fromEntries(
  Object.entries(RULES).map(([kind, r]) => [kind, new RateLimiterMemory({ keyPrefix: kind, points: Math.max(1, Math.round(r.points * scale)), duration: r.duration })]),
) as Record<Kind, RateLimiterMemory>;

/** Spends one point for this key, or throws a 429 DomainError carrying Retry-After. */
export async function limit(kind: Kind, key: string): Promise<void> {
  if (process.env.UNDERSIGNED_RATE_LIMITS === "off") return;
  try {
    await limiters[kind].consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw new DomainError("rate_limited", `Too many ${RULES[kind].what} in a short time; try again in ${seconds} seconds.`, undefined, seconds);
  }
}

/**
 * Spends a point for a signed-in person and hands the actor on; signed-out requests pass
 * through, because the domain answers them with 401 anyway.
 */
export async function limitActor(kind: Kind, actor: Actor | null): Promise<Actor | null> {
  if (actor) await limit(kind, actor.id);
  return actor;
}
