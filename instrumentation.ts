// Runs once when the server starts: checks the whole configuration (lib/config), so a bad value
// stops the start with a message naming the variable and what it accepts; warns loudly about
// development sign-in in production; starts the scheduler, the live-stream hub and the count's
// reader.
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
}
