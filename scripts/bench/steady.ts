// Steady-state server CPU per page view, for comparing builds on a shared machine (issue 15):
// The production server (server.mjs) of each build on the database the last `npm run bench` left in bench-results/db,
// a warm-up per page, then rounds of autocannon per page with CPU from /proc.
//   npx tsx scripts/bench/steady.ts .next-before .next-test [--port 3700] [--seconds 5] [--rounds 2]
// Builds are run one after the other, in the order given; alternate them (A B A B) to compare.
import { existsSync } from "node:fs";
import { mintSessions } from "./fixtures";
import { runReads } from "./load";
import { cpuMillis, startApp, stop } from "./servers";

const DATABASE = "bench-results/db/small.db";

function parse(argv: readonly string[]) {
  const builds: string[] = [];
  const options = { port: 3700, seconds: 5, rounds: 2 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--port" || arg === "--seconds" || arg === "--rounds") {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1) throw new Error(`${arg} takes a whole number.`);
      options[arg.slice(2) as keyof typeof options] = value;
    } else if (arg.startsWith("--")) throw new Error(`Unknown option ${arg}. Options: --port, --seconds, --rounds.`);
    else builds.push(arg);
  }
  if (builds.length === 0) throw new Error("Name one or more build directories (e.g. .next-test).");
  return { builds, ...options };
}

async function main() {
  const { builds, port, seconds, rounds } = parse(process.argv.slice(2));
  if (!existsSync(DATABASE)) throw new Error(`${DATABASE} is missing: run \`npm run bench -- --quick --only reading\` once first.`);
  const secret = `steady-${process.pid}-${Date.now()}-bench-secret-value`;
  const [reader] = await mintSessions(secret, 10, 1);
  const pages: [string, string, string?][] = [
    ["static route /icon.svg (floor)", "/icon.svg"],
    ["petition page, signed out", "/petitions/bench-petition-0"],
    ["petition page, signed in", "/petitions/bench-petition-0", reader!.cookie],
    ["petition page, signed out, German", "/petitions/bench-petition-0", "lang=de"],
    ["petitions list", "/petitions"],
    ["timeline", "/timeline"],
  ];
  for (const build of builds) {
    const app = await startApp({ port, distDir: build, databaseUrl: `file:./${DATABASE}`, secret });
    try {
      for (const [, url, cookie] of pages) await runReads({ origin: app.origin, paths: [url], connections: 10, seconds: 3, cookie });
      for (let round = 1; round <= rounds; round++) {
        for (const [name, url, cookie] of pages) {
          const before = cpuMillis(app.process.pid!);
          const r = await runReads({ origin: app.origin, paths: [url], connections: 10, seconds, cookie });
          const ms = (cpuMillis(app.process.pid!) - before) / Math.max(1, r.requests);
          console.log(`${build} round ${round}  ${name.padEnd(34)} ${ms.toFixed(2).padStart(6)} CPU ms/req  ${r.throughput.toFixed(0).padStart(5)}/s  errors ${r.errors}`);
        }
      }
    } finally {
      await stop(app);
    }
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
