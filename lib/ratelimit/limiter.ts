// Per-account rate limits with rate-limiter-flexible (docs/decisions/012, 014). With SQLite there
// is one server, and the counters live in its memory. With PostgreSQL every server spends from
// the same counters, in the RateLimit table (RateLimiterPostgres), so a second server does not
// double anyone's allowance; if the database cannot be reached the server falls back to its own
// memory for that moment rather than failing the request.
import { msg } from "@/lib/i18n/message";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Actor } from "@/lib/auth/actor";
import { dbInfo, type Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { outsideRequests } from "@/lib/runtime/outside-requests";

export type Kind = "sign" | "petition" | "tokens" | "comment";

export const RULES: Record<Kind, { points: number; duration: number; what: string }> = {
  sign: { points: 30, duration: 60, what: "signature changes" },
  petition: { points: 10, duration: 3600, what: "new petitions" },
  tokens: { points: 10, duration: 60, what: "token requests" },
  comment: { points: 300, duration: 60, what: "anonymous comments across everyone" },
};

/** The table RateLimiterPostgres uses (prisma/schema.prisma, model RateLimit). */
export const RATE_LIMIT_TABLE = "RateLimit";

export type RateLimiter = {
  /** "memory" (one server) or "postgres" (shared by every server). */
  store: "memory" | "postgres";
  /** Spends one point for this key, or throws a 429 DomainError carrying Retry-After. */
  limit: (kind: Kind, key: string) => Promise<void>;
  /**
   * Spends a point for a signed-in person and hands the actor on; signed-out requests pass
   * through, because the domain answers them with 401 anyway.
   */
  limitActor: (kind: Kind, actor: Actor | null) => Promise<Actor | null>;
};

export function createRateLimiter(db: Db, opts: { scale?: number; enabled?: boolean } = {}): RateLimiter {
  const scale = opts.scale ?? 1;
  const enabled = opts.enabled ?? true;
  const info = dbInfo(db);
  const limiters = {} as Record<Kind, RateLimiterAbstract>;
  for (const [kind, rule] of Object.entries(RULES) as [Kind, (typeof RULES)[Kind]][]) {
    const base = { keyPrefix: kind, points: Math.max(1, Math.round(rule.points * scale)), duration: rule.duration };
    limiters[kind] =
      info.kind === "postgres"
        ? new RateLimiterPostgres({
            ...base,
            storeClient: info.pool,
            storeType: "pool",
            tableName: RATE_LIMIT_TABLE,
            // The table is made by the migrations, not at run time by each server.
            tableCreated: true,
            insuranceLimiter: new RateLimiterMemory(base),
          })
        : new RateLimiterMemory(base);
  }

  const limit = async (kind: Kind, key: string) => {
    if (!enabled) return;
    try {
      // The memory store sets a timer per key for its window; made in the request, that timer
      // would keep the whole request alive until the window ends (lib/runtime/outside-requests.ts).
      await outsideRequests(() => limiters[kind].consume(key));
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new DomainError("rate_limited", msg("Errors.ratelimit.tooMany", { kind, seconds }), undefined, seconds);
    }
  };
  return {
    store: info.kind === "postgres" ? "postgres" : "memory",
    limit,
    limitActor: async (kind, actor) => {
      if (actor) await limit(kind, actor.id);
      return actor;
    },
  };
}
