// The largest allowed policy texts (issue 15.7): a program whose two policy versions are each
// 50,000 characters of Markdown, entirely different, written through the domain layer as an admin
// would. Its page and API GET used to diff the texts word by word on every view (6.6 s for
// 48,000 characters); now the diff is made once, when the version is saved, with bounded work.
// The scenario reports the server's CPU milliseconds per GET.
import { readFileSync, readdirSync } from "node:fs";
import { createDb } from "@/lib/db/client";
import { createProgram, updateProgram } from "@/lib/programs";

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

/** Registers the program with two maximum-size versions; returns its slug. */
export async function createLargePolicyProgram(url: string): Promise<string> {
  const db = createDb(url);
  try {
    const admin = await db.user.findFirstOrThrow({ where: { id: "bu0" } });
    const actor = { ...admin, role: "admin" as const };
    const input = (policyText: string) => ({
      name: "Benchmark program with the largest policy",
      slug: "largest-policy",
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
    const created = await createProgram(db, actor, input(largePolicyText(1)));
    await updateProgram(db, actor, created.slug, input(largePolicyText(2)));
    return created.slug;
  } finally {
    await db.$disconnect();
  }
}

/** CPU seconds (user + system) used so far by a process and its children (Linux /proc). */
export function cpuSeconds(pid: number): number {
  const ticks = 100; // USER_HZ on Linux
  const pids = [pid];
  let total = 0;
  for (let i = 0; i < pids.length; i++) {
    try {
      const stat = readFileSync(`/proc/${pids[i]}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // Fields 14 and 15 of stat (utime, stime); the slice starts at field 3.
      total += (Number(fields[11]) + Number(fields[12])) / ticks;
      for (const task of readdirSync(`/proc/${pids[i]}/task`)) {
        const children = readFileSync(`/proc/${pids[i]}/task/${task}/children`, "utf8").trim();
        if (children) pids.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // the process is gone
    }
  }
  return total;
}
