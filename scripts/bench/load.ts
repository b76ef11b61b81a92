// The load: autocannon driving a server over HTTP from this process (the servers run in their
// own). Signing hands every request a different person's session and records which people the
// server acknowledged, for the exactness check that follows.
import autocannon from "autocannon";
import { latencyOf, type Latency } from "./stats";

export type LoadResult = {
  requests: number;
  ok: number;
  durationSeconds: number;
  throughput: number;
  latencyMs: Latency;
  errors: number;
};

type Context = { signer?: string };

function summarize({ result, seconds }: Measured): LoadResult {
  const ok = result["2xx"];
  const errors = result.errors + result.timeouts + result.non2xx;
  return {
    requests: result.requests.total,
    ok,
    durationSeconds: seconds,
    throughput: ok / seconds,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    errors,
  };
}

/**
 * Latencies of the responses on connections already open: each connection's first request is left
 * out, since it also waits for the load generator to connect, which on a saturated machine took up
 * to 10 s for a few hundred of them, the baseline's as much as ours. Telling the two apart showed a
 * stall in the middle of a burst (the signatures behind a threshold crossing, lib/signatures/direct.ts).
 */
export type OpenConnections = { latencies: number[] };

/**
 * autocannon's result, and the seconds the load took. autocannon writes its result at the next
 * tick of a one-second timer, so a run of a fixed number of requests (`amount`) reports its
 * duration rounded up to whole seconds: 15,000 signatures answered in 6.1 s read as 7 s, 14 %
 * slower, by a different share in every run. Such runs are timed here, from the start to the
 * last answer; a run of fixed duration keeps autocannon's.
 */
type Measured = { result: autocannon.Result; seconds: number };

export function runLoad(options: autocannon.Options, open?: OpenConnections): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let lastAnswer = started;
    const instance = autocannon({ timeout: 10, ...options }, (error, result) =>
      error ? reject(error) : resolve({ result, seconds: options.amount ? (lastAnswer - started) / 1000 : result.duration }),
    );
    // Keyed by the socket, not autocannon's client, which reconnects after a timeout or a close;
    // only 2xx answers, as autocannon's own latencies.
    const seen = new WeakSet<object>();
    instance.on("response", (client, status, _bytes, ms) => {
      lastAnswer = performance.now();
      if (!open) return;
      const socket = (client as unknown as { conn?: object }).conn ?? client;
      if (seen.has(socket)) {
        if (status >= 200 && status < 300) open.latencies.push(ms);
      } else seen.add(socket);
    });
  });
}

export type Signer = { userId: string; cookie: string };

/** A queue of people who have not signed yet; running out is a benchmark bug, so it throws. */
export class SignerPool {
  private next = 0;
  constructor(private readonly signers: readonly Signer[]) {}
  take(): Signer {
    const signer = this.signers[this.next++];
    if (!signer) throw new Error("The benchmark ran out of distinct signers; create more.");
    return signer;
  }
  get remaining() {
    return this.signers.length - this.next;
  }
}

/** Who the load tried to sign for, and what the server said. */
export type SignTally = { acknowledged: string[]; sent: number; answered: number };

/** Requests still in flight when a timed run ends were neither acknowledged nor refused. */
export const unanswered = (tally: SignTally) => tally.sent - tally.answered;

/** A sign request that takes the next person from the pool and notes who was acknowledged. */
function signRequest(path: string, pool: SignerPool, tally: SignTally): autocannon.Request {
  return {
    method: "POST",
    path,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ visibility: "named" }),
    setupRequest: (req, context: Context) => {
      const signer = pool.take();
      context.signer = signer.userId;
      tally.sent++;
      return { ...req, headers: { ...req.headers, cookie: signer.cookie } };
    },
    onResponse: (status, _body, context: Context) => {
      tally.answered++;
      if (status === 201 && context.signer) tally.acknowledged.push(context.signer);
    },
  } as autocannon.Request;
}

/** `amount` distinct people sign at `connections` at a time. */
export async function runSigning(opts: { origin: string; path: string; connections: number; amount: number; pool: SignerPool }) {
  const tally: SignTally = { acknowledged: [], sent: 0, answered: 0 };
  const open: OpenConnections = { latencies: [] };
  const measured = await runLoad(
    {
      url: opts.origin,
      connections: opts.connections,
      amount: opts.amount,
      requests: [signRequest(opts.path, opts.pool, tally)],
    },
    open,
  );
  return { ...summarize(measured), tally, openConnectionsLatencyMs: latencyOf(open.latencies) };
}

/** The note a signing row carries about its latencies on connections already open. */
export function openConnectionsNote(r: { openConnectionsLatencyMs: Latency }): string {
  const l = r.openConnectionsLatencyMs;
  if (Number.isNaN(l.p50)) return "no connection made a second request (too few requests for the connections)";
  return `on connections already open (each one's first request left out): p50 ${Math.round(l.p50)} ms, p99 ${Math.round(l.p99)} ms, max ${Math.round(l.max)} ms`;
}

export async function runReads(opts: { origin: string; paths: string[]; connections: number; seconds: number; cookie?: string }) {
  const measured = await runLoad({
    url: opts.origin,
    connections: opts.connections,
    duration: opts.seconds,
    requests: opts.paths.map((path) => ({ method: "GET", path, ...(opts.cookie ? { headers: { cookie: opts.cookie } } : {}) })),
  });
  return summarize(measured);
}

/** Each connection loops over one signature and then the reads, in order. */
export async function runMix(opts: { origin: string; signPath: string; reads: string[]; connections: number; seconds: number; pool: SignerPool }) {
  const tally: SignTally = { acknowledged: [], sent: 0, answered: 0 };
  const measured = await runLoad({
    url: opts.origin,
    connections: opts.connections,
    duration: opts.seconds,
    requests: [signRequest(opts.signPath, opts.pool, tally), ...opts.reads.map((path) => ({ method: "GET" as const, path }))],
  });
  return { ...summarize(measured), tally };
}

/**
 * The same load split over several servers at once (scale-out): connections and signatures are
 * divided evenly, throughput is the sum, latencies are the worst server's (percentiles of two
 * runs cannot be merged exactly, so the report errs on the slow side).
 */
export async function runSigningOnAll(opts: { origins: string[]; path: string; connections: number; amount: number; pool: SignerPool }) {
  const n = opts.origins.length;
  const runs = await Promise.all(
    opts.origins.map((origin) => runSigning({ origin, path: opts.path, connections: Math.ceil(opts.connections / n), amount: Math.floor(opts.amount / n), pool: opts.pool })),
  );
  const durationSeconds = Math.max(...runs.map((r) => r.durationSeconds));
  const ok = runs.reduce((a, r) => a + r.ok, 0);
  return {
    requests: runs.reduce((a, r) => a + r.requests, 0),
    ok,
    durationSeconds,
    throughput: ok / durationSeconds,
    latencyMs: {
      p50: Math.max(...runs.map((r) => r.latencyMs.p50)),
      p99: Math.max(...runs.map((r) => r.latencyMs.p99)),
      max: Math.max(...runs.map((r) => r.latencyMs.max)),
    },
    errors: runs.reduce((a, r) => a + r.errors, 0),
    tally: {
      acknowledged: runs.flatMap((r) => r.tally.acknowledged),
      sent: runs.reduce((a, r) => a + r.tally.sent, 0),
      answered: runs.reduce((a, r) => a + r.tally.answered, 0),
    },
  };
}
