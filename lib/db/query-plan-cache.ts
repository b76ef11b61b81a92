// Prisma 6.19's client engine (engineType "client", the only one that runs offline: decision 002)
// compiles every query to a plan in WebAssembly, on the event loop, each time: about 0.8 ms of
// CPU here, most of what a simple findUnique costs, and half of a page view's CPU. Prisma 7.4
// caches plans by query shape (prisma/orm#29038); until we move to it, this caches them by the
// exact query, which is as safe (the same request always compiles to the same plan) and hits for
// what the same pages ask again and again: a petition by its slug, the lists, a person's session.
// Decision 030.
//
// What it keeps: reads only (never a write and its data), of at most PLAN_CACHE_LIMITS.keyChars characters, and
// nothing of the anonymous paths (the models in ANONYMOUS_MODELS): an entry's place in the cache
// follows when it was last asked, and a copy of the server's memory must not order an anonymous
// act next to a signed-in person's request. Each call gets its own copy of the plan, so nothing
// the executor does to a plan reaches the next query.
import { QueryCompiler as PostgresCompiler } from "@prisma/client/runtime/query_compiler_bg.postgresql.mjs";
import { QueryCompiler as SqliteCompiler } from "@prisma/client/runtime/query_compiler_bg.sqlite.mjs";
import { serverConfig } from "@/lib/config";

export const PLAN_CACHE_LIMITS = {
  /** Plans kept, least recently used out first; a plan is a few kilobytes. */
  entries: 2_000,
  /** Longer queries (large `in` lists, long search terms) are compiled each time. */
  keyChars: 2_000,
};

const READS = new Set(["findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "findMany", "aggregate", "groupBy"]);

/**
 * The models of anonymous acts and of who collected tokens (ANONYMITY.md): never cached. The
 * public keys (TokenKey, SignKey) are cached: every page view reads them, by week or petition only.
 */
export const ANONYMOUS_MODELS: ReadonlySet<string> = new Set([
  "AnonComment",
  "CommentAnswer",
  "CommentReveal",
  "SpentToken",
  "TokenIssuance",
  "AnonSignature",
  "SignTokenIssuance",
  "NamedWithdrawal",
]);

// Prisma's request as JSON.stringify gives it: {"modelName":"User","action":"findUnique","query":…}.
const HEAD = /^\{"modelName":"(\w+)","action":"(\w+)"/;

/** Whether a compiled request may be kept. */
export function cacheableQuery(request: string): boolean {
  if (request.length > PLAN_CACHE_LIMITS.keyChars) return false;
  const head = HEAD.exec(request);
  return !!head && READS.has(head[2]!) && !ANONYMOUS_MODELS.has(head[1]!);
}

type Compiler = { compile(request: string): unknown };
const plans = new Map<string, unknown>();
const stats = { hits: 0, misses: 0 };
const INSTALLED = Symbol.for("undersigned.queryPlanCache");
let enabled: boolean | null = null;

/** The benchmark and tests compare both ways on one server (UNDERSIGNED_QUERY_PLAN_CACHE sets the start). */
export function setQueryPlanCache(on: boolean) {
  enabled = on;
  if (!on) plans.clear();
}

function wrap(proto: Compiler & { [INSTALLED]?: true }) {
  if (proto[INSTALLED]) return;
  const compile = proto.compile;
  proto.compile = function cachedCompile(this: Compiler, request: string) {
    enabled ??= serverConfig().UNDERSIGNED_QUERY_PLAN_CACHE;
    if (!enabled || !cacheableQuery(request)) return compile.call(this, request);
    let plan = plans.get(request);
    if (plan === undefined) {
      stats.misses++;
      plan = compile.call(this, request);
      if (plans.size >= PLAN_CACHE_LIMITS.entries) plans.delete(plans.keys().next().value!);
    } else {
      stats.hits++;
      plans.delete(request);
    }
    plans.set(request, plan);
    return structuredClone(plan);
  };
  proto[INSTALLED] = true;
}

/** Wraps both databases' compilers once per process; lib/db/client.ts calls it. */
export function installQueryPlanCache(): void {
  wrap(SqliteCompiler.prototype);
  wrap(PostgresCompiler.prototype);
}

/** For tests: what the cache holds and how often it answered. */
export function queryPlanCacheState() {
  return { size: plans.size, ...stats, requests: [...plans.keys()] };
}
