// "This server just changed a petition's count": said by the commands that drop the prepared count
// (lib/petitions/count-cache.ts), heard by the polling live hub (./live.ts), which then reads the
// change at once instead of at its next tick (issue 15, point 6). On PostgreSQL the hub hears
// every server's changes through NOTIFY and needs none of this.
//
// Kept on globalThis: the commands run in the route and action bundles, the hub in the
// instrumentation bundle.
type Store = { listeners: Set<() => void> };

const KEY = Symbol.for("undersigned.live-local-changes");

function store(): Store {
  const g = globalThis as { [KEY]?: Store };
  return (g[KEY] ??= { listeners: new Set() });
}

export function announceLocalChange(): void {
  for (const listener of store().listeners) listener();
}

export function onLocalChange(listener: () => void): () => void {
  store().listeners.add(listener);
  return () => store().listeners.delete(listener);
}
