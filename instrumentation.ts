// Runs once when the server starts: warns loudly about development sign-in in production and
// starts the scheduler that closes petitions whose closing date has passed.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { devLoginEnabled } = await import("@/lib/auth/flags");
  if (process.env.NODE_ENV === "production" && devLoginEnabled()) {
    console.warn("[undersigned] WARNING: development sign-in is enabled in production (AUTH_DEV_LOGIN=true). Anyone can sign in as a demo persona.");
  }
  const { startScheduler } = await import("@/lib/scheduler");
  startScheduler();
}
