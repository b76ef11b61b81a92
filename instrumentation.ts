// Runs once when the server starts: checks the whole configuration (lib/config), so a bad value
// stops the start with a message naming the variable and what it accepts; warns loudly about
// development sign-in in production; starts the scheduler and what the Pages Router API routes
// use (lib/runtime/started.ts): the live-stream hub, the count's reader, the personal reader and
// the signature endpoint.
export async function register() {
  // Next.js replaces this literal per runtime at build time, which drops the Node.js-only imports
  // below from the edge bundle; read through lib/config it could not.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First, before any request: the context that work outliving a request runs in.
  const { captureOutsideRequests } = await import("@/lib/runtime/outside-requests");
  captureOutsideRequests();
  const { ConfigError, serverConfig } = await import("@/lib/config");
  let config;
  try {
    config = serverConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`[undersigned] ${error.message}\n[undersigned] The server did not start.`);
    process.exit(1);
  }
  // V8 lets the old space grow to four times what survived its last full collection when
  // collecting is cheap, as it is here: after a burst of signatures the server kept 440 MB of heap
  // for 128 MB of live data (docs/decisions/036). The flag is read at each collection.
  if (config.UNDERSIGNED_HEAP_GROWTH_PERCENT > 0) {
    const { setFlagsFromString } = await import("node:v8");
    setFlagsFromString(`--heap-growing-percent=${config.UNDERSIGNED_HEAP_GROWTH_PERCENT}`);
  }
  if (config.production && config.devLogin) {
    console.warn("[undersigned] WARNING: development sign-in is enabled in production (AUTH_DEV_LOGIN=true). Anyone can sign in as a demo persona.");
  }
  const { startScheduler } = await import("@/lib/scheduler");
  startScheduler();
  // The live stream's route reads the hub from here (lib/live/sse.ts says why).
  const { streamHub } = await import("@/lib/live/hub");
  streamHub();
  // The count's route reads prepared answers from here (lib/petitions/count-reader.ts says why).
  const { countReader } = await import("@/lib/petitions/count-service");
  countReader();
  // The signed-in person's view of a shared page is read from here (lib/personal/reader.ts).
  const { personalReader } = await import("@/lib/personal/service");
  personalReader();
  // Signing by name and withdrawing through the API are done from here (lib/signatures/endpoint.ts).
  const { signatureEndpoint } = await import("@/lib/signatures/endpoint-service");
  signatureEndpoint();
}
