/** "5 minutes", "1 minute", "30 seconds": a batch interval (or several) as people read it. */
export function formatInterval(seconds: number): string {
  const minutes = seconds / 60;
  return minutes >= 1 ? `${Math.round(minutes)} minute${Math.round(minutes) === 1 ? "" : "s"}` : `${Math.round(seconds)} seconds`;
}
