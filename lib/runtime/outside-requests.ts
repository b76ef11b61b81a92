// Work that outlives a request runs outside it. Node.js hands the current async context (every
// AsyncLocalStorage store: Next.js keeps the request, the response and their whole rendering
// state there) to each timer, promise and socket made while a request runs, and keeps it as long
// as that object lives. A rate limiter's per-account expiry timer made during a signature kept
// that signature's request alive for the limiter's window: at 300 signatures a second, 18,000
// requests and 780 MB of heap (docs/benchmarks.md, issue 15 point 6). A queue's batch timer
// started by the first anonymous request kept that request for the life of the process.
//
// So the server captures, once at start (instrumentation.ts) and outside every request, an async
// resource with no stores; `outsideRequests` runs a function in it. Whatever the function starts
// then carries no request. Anything awaiting its result still resumes in its own request.
import { AsyncResource } from "node:async_hooks";

// On globalThis: Next.js bundles instrumentation and each route handler apart, each with its own
// copy of this module, and they must share the one resource captured at start.
const KEY = Symbol.for("undersigned.outsideRequests");
type Global = { [KEY]?: AsyncResource };

/** Captures the context of this moment as the one outside requests. Call at start, before any request. */
export function captureOutsideRequests(): void {
  const g = globalThis as Global;
  g[KEY] ??= new AsyncResource("undersigned.outside-requests");
}

/**
 * Runs `fn` in the context captured at start, so the timers, promises and connections it makes do
 * not keep the current request alive. Where nothing was captured (tests, scripts: no requests),
 * it runs `fn` as it is.
 */
export function outsideRequests<T>(fn: () => T): T {
  const resource = (globalThis as Global)[KEY];
  return resource ? resource.runInAsyncScope(fn) : fn();
}
