// Live viewers for the benchmark, in a process of their own so that parsing thousands of
// streams does not slow the load generator (or the other way round). Opens N Server-Sent-Event
// streams to one petition and notes, for every count value, when each viewer first saw a count
// at least that high. Controlled over IPC by live.ts:
//   ← { type: "ready", connected, failed }   after opening
//   node --import tsx scripts/bench/sse-clients.ts ORIGIN PETITION_ID N START_COUNT
//   → { type: "report" }  ← { type: "report", arrivals: { [count]: number[] }, open, failed }
import http from "node:http";

const [origin, petitionId, nArg, startArg] = process.argv.slice(2);
const n = Number(nArg);
/** The count before the run: the hub sends counts only when they change. */
const start = Number(startArg ?? 0);
const url = new URL(`/api/stream?petition=${encodeURIComponent(petitionId!)}`, origin);
const now = () => performance.timeOrigin + performance.now();

const arrivals = new Map<number, number[]>();
let open = 0;
let failed = 0;

function connect(): Promise<void> {
  return new Promise((resolve) => {
    let lastSeen = start;
    let buffer = "";
    let settled = false;
    let connected = false;
    /** Ends this viewer's opening, as connected or as failed, once. */
    const settle = (ok: boolean) => {
      if (settled) return;
      settled = true;
      if (ok) {
        connected = true;
        open++;
        req.setTimeout(0);
      } else failed++;
      resolve();
    };
    const req = http.get(url, { agent: false, headers: { accept: "text/event-stream" } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        settle(false);
        return;
      }
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (message.includes(": connected")) settle(true);
          if (!message.startsWith("event: count")) continue;
          const data = message.slice(message.indexOf("data: ") + 6);
          const count = (JSON.parse(data) as { signatureCount: number }).signatureCount;
          const at = now();
          for (let v = lastSeen + 1; v <= count; v++) {
            let list = arrivals.get(v);
            if (!list) arrivals.set(v, (list = []));
            list.push(at);
          }
          lastSeen = Math.max(lastSeen, count);
        }
      });
      res.on("error", () => settle(false));
      res.on("close", () => {
        if (connected) open--;
        settle(false);
      });
    });
    req.on("error", () => settle(false));
    // A server that takes the connection but never says it is connected counts as a failed
    // viewer after 30 s, so the opening ends and the bench reports it instead of waiting for ever.
    req.setTimeout(30_000, () => {
      settle(false);
      req.destroy();
    });
  });
}

async function main() {
  // In waves, so the server's accept queue is not the thing being measured.
  for (let i = 0; i < n; i += 250) await Promise.all(Array.from({ length: Math.min(250, n - i) }, connect));
  process.send!({ type: "ready", connected: open, failed });
}

process.on("message", (message: { type: string }) => {
  if (message.type === "report") {
    process.send!({ type: "report", arrivals: Object.fromEntries(arrivals), open, failed }, () => process.exit(0));
  }
});

void main();
