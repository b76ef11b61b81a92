// What the server starts once in instrumentation.ts for the Pages Router API routes (the count,
// the live stream, a person's view of a shared page, signing: decisions 015, 025, 035, 036). A
// Pages Router bundle may not import server-only modules (the database), and Next.js bundles
// instrumentation and each route apart, each with its own copy of every module, so the started
// service is left on globalThis under one name, where the route finds it. What it returns must
// not cross into another bundle's classes: its errors are answered inside it.
export type Started<T> = {
  /** The running service, made by `make` the first time. */
  keep(make: () => T): T;
  /** The running service, or null before the server has started it (the route answers 503). */
  running(): T | null;
};

export function started<T>(name: `undersigned${string}`): Started<T> {
  const slot = globalThis as unknown as Record<string, T | undefined>;
  return {
    keep: (make) => (slot[name] ??= make()),
    running: () => slot[name] ?? null,
  };
}
