// Live updates in the browser: the Server-Sent Events stream when it is up, periodic polling
// while it is down (or where EventSource does not exist). Returns a function that stops both.
export function followLive(
  url: string,
  listeners: Record<string, (data: unknown) => void>,
  poll: () => void | Promise<void>,
  pollMs: number,
): () => void {
  let poller: ReturnType<typeof setInterval> | null = null;
  const startPolling = () => {
    poller ??= setInterval(() => void poll(), pollMs);
  };
  const stopPolling = () => {
    if (poller) clearInterval(poller);
    poller = null;
  };
  if (typeof EventSource === "undefined") {
    startPolling();
    return stopPolling;
  }
  const source = new EventSource(url);
  source.addEventListener("open", stopPolling);
  source.addEventListener("error", startPolling);
  for (const [name, listener] of Object.entries(listeners)) {
    source.addEventListener(name, (e) => listener(JSON.parse((e as MessageEvent<string>).data)));
  }
  return () => {
    source.close();
    stopPolling();
  };
}
