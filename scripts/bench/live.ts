// Scenario 4, live viewers: N Server-Sent-Event subscribers watch one petition while people sign
// it one after another; the latency is from the moment a signature is acknowledged to the
// moment each viewer sees the new count. A viewer that never sees a count counts as a miss.
import { fork, type ChildProcess } from "node:child_process";
import { residentMiB, whileServerRuns, type Server } from "./servers";
import type { SignerPool } from "./load";
import { latencyOf, type Latency } from "./stats";

type Ready = { type: "ready"; connected: number; failed: number };
type Report = { type: "report"; arrivals: Record<string, number[]>; open: number; failed: number };

export type LiveResult = {
  subscribers: number;
  connected: number;
  signatures: number;
  deliveries: number;
  missed: number;
  latencyMs: Latency;
  serverMiB: number;
  /** The server's resident memory just before the viewers connected. */
  idleMiB: number;
  signErrors: number;
};

const now = () => performance.timeOrigin + performance.now();

export async function runLive(opts: LiveOptions): Promise<LiveResult> {
  const idleMiB = residentMiB(opts.server.process.pid!);
  const clients = fork("scripts/bench/sse-clients.ts", [opts.server.origin, opts.petitionId, String(opts.subscribers), "0"], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  try {
    return await whileServerRuns(opts.server, watch(opts, clients, idleMiB));
  } finally {
    if (clients.exitCode === null) clients.kill("SIGKILL");
  }
}

type LiveOptions = { server: Server; petitionId: string; subscribers: number; signatures: number; perSecond: number; pool: SignerPool };

async function watch(opts: LiveOptions, clients: ChildProcess, idleMiB: number): Promise<LiveResult> {
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: { type: string }) => {
        if (m.type === type) {
          clients.off("message", onMessage);
          resolve(m as T);
        }
      };
      clients.on("message", onMessage);
      clients.once("exit", (code) => reject(new Error(`The SSE clients exited early (${code}).`)));
    });

  const ready = await next<Ready>("ready");
  // Give the hub a tick to settle before the first signature.
  await new Promise((r) => setTimeout(r, 1000));
  const serverMiB = residentMiB(opts.server.process.pid!);

  const ackedAt = new Map<number, number>();
  let signErrors = 0;
  const gap = 1000 / opts.perSecond;
  for (let i = 0; i < opts.signatures; i++) {
    const started = now();
    const signer = opts.pool.take();
    const res = await fetch(`${opts.server.origin}/api/petitions/${opts.petitionId}/signature`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: signer.cookie },
      body: JSON.stringify({ visibility: "named" }),
    });
    const body = (await res.json()) as { petition?: { signatureCount: number } };
    if (res.status === 201 && body.petition) ackedAt.set(body.petition.signatureCount, now());
    else {
      signErrors++;
      if (signErrors <= 2) console.error("[bench] live sign answered", res.status, JSON.stringify(body).slice(0, 300));
    }
    const wait = gap - (now() - started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  // Long enough for several hub ticks to deliver the last count.
  await new Promise((r) => setTimeout(r, 3000));
  clients.send({ type: "report" });
  const report = await next<Report>("report");

  const latencies: number[] = [];
  for (const [count, at] of ackedAt) {
    for (const arrival of report.arrivals[String(count)] ?? []) latencies.push(Math.max(0, arrival - at));
  }
  const expected = ackedAt.size * ready.connected;
  return {
    subscribers: opts.subscribers,
    connected: ready.connected,
    signatures: ackedAt.size,
    deliveries: latencies.length,
    missed: expected - latencies.length,
    latencyMs: latencyOf(latencies),
    serverMiB,
    idleMiB,
    signErrors,
  };
}
