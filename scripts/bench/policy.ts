// The largest allowed policy texts (issue 15.7): a program whose two policy versions are each
// 50,000 characters of Markdown, entirely different, written through the domain layer as an admin
// would. Its page and API GET used to diff the texts word by word on every view (6.6 s for
// 48,000 characters); now the diff is made once, when the version is saved, with bounded work.
// The scenario reports the server's CPU milliseconds per GET.
import { createDb } from "@/lib/db/client";
import { createProgram, updateProgram } from "@/lib/programs";
import type { LoadResult } from "./load";
import { cpuMillis } from "./servers";
import { latencyOf } from "./stats";

const MAX_POLICY = 50_000;

/** A policy text of exactly `MAX_POLICY` characters: headings, paragraphs, lists, emphasis and links. */
export function largePolicyText(seed: number): string {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const word = () => Math.floor(random() * 36 ** 5).toString(36);
  const sentence = () => Array.from({ length: 8 + Math.floor(random() * 10) }, word).join(" ") + ".";
  let text = "";
  for (let section = 1; text.length < MAX_POLICY; section++) {
    text += `## Section ${section}: ${word()} ${word()}\n\n`;
    text += `${sentence()} **${sentence()}** ${sentence()} See [clause ${section}](https://intranet.example.com/policy/${section}).\n\n`;
    text += `- ${sentence()}\n- _${sentence()}_\n- ${sentence()}\n\n`;
    text += `> ${sentence()}\n\n`;
  }
  return text.slice(0, MAX_POLICY).trimEnd().padEnd(MAX_POLICY, ".");
}

/**
 * Registers the program with two maximum-size versions, and beside it one with a short policy
 * text in two versions, for comparison; returns their slugs.
 */
export async function createPolicyPrograms(url: string): Promise<{ largest: string; short: string }> {
  const db = createDb(url);
  try {
    const admin = await db.user.findFirstOrThrow({ where: { id: "bu0" } });
    const actor = { ...admin, role: "admin" as const };
    const input = (policyText: string, slug = "largest-policy") => ({
      name: `Benchmark program: ${slug}`,
      slug,
      owningTeam: "Benchmark",
      purpose: "Measures a program page whose policy texts are as long as allowed.",
      collects: ["nothing"],
      retention: "None",
      dataAccess: "Nobody",
      consentModel: "opt-in",
      status: "active",
      policyText,
      versionNote: "Rewritten in full.",
    });
    const largest = await createProgram(db, actor, input(largePolicyText(1)));
    await updateProgram(db, actor, largest.slug, input(largePolicyText(2)));
    const short = await createProgram(db, actor, input("We record which rooms are booked.", "short-policy"));
    await updateProgram(db, actor, short.slug, input("We record which rooms are booked, and by which team.", "short-policy"));
    return { largest: largest.slug, short: short.slug };
  } finally {
    await db.$disconnect();
  }
}

/**
 * `n` GETs of `path`, four at a time, with the server's CPU time over them: a fixed number of
 * requests rather than a duration, so a busy machine gives fewer samples, not none.
 */
export async function measuredGets(origin: string, pid: number, path: string, n: number): Promise<LoadResult & { cpuMsPerGet: number }> {
  const samples: number[] = [];
  let errors = 0;
  const cpuBefore = cpuMillis(pid);
  const started = performance.now();
  for (let i = 0; i < n; i += 4) {
    await Promise.all(
      Array.from({ length: Math.min(4, n - i) }, async () => {
        const t = performance.now();
        const response = await fetch(origin + path);
        await response.arrayBuffer();
        if (response.status !== 200) errors++;
        samples.push(performance.now() - t);
      }),
    );
  }
  const durationSeconds = (performance.now() - started) / 1000;
  const cpuMsPerGet = (cpuMillis(pid) - cpuBefore) / n;
  const latency = latencyOf(samples.map((ms) => Math.round(ms)));
  return { requests: n, ok: n - errors, durationSeconds, throughput: (n - errors) / durationSeconds, latencyMs: latency, errors, cpuMsPerGet };
}
