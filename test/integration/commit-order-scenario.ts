// The quiet-hour scenario of decision 009 ("a quiet batch right after one collection"), as a
// plain model: people collect their tokens at random times, each posts right after collecting
// and once more later, and every post is made durable at once (a flush after every post, the
// adversary's best case: no batch ever mixes two posts). Posts are timed by the browser's policy
// (lib/comments/send-delay.ts) or, for the control, sent at once. The forensic test
// (anonymity-forensics.test.ts) plays the same events against a real database and replays its
// WAL or reads `xmin`; the unit test (lib/comments/send-delay.test.ts) runs the model over many
// seeds to measure the attack.
import { sendAfter } from "@/lib/comments/send-delay";

export const BATCH_MS = 300_000;

/** A small seeded generator (mulberry32), so a scenario is the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export type ScenarioEvent = { at: number; kind: "collect"; person: number } | { at: number; kind: "post"; person: number; round: 1 | 2 };

export type ScenarioOptions = { people: number; seed: number; delay: boolean; spanBatches?: number };

/**
 * The events in time order. Each person collects at a uniform time over `spanBatches` batch
 * windows (as many windows as people by default: a quiet hour, about one collection per batch)
 * and writes a comment 30 seconds later (round 1, the audit's pattern); six batches after the
 * hour everyone writes once more, in the next four batches (round 2, nobody collecting then).
 */
export function scenario({ people, seed, delay, spanBatches = people }: ScenarioOptions): ScenarioEvent[] {
  const random = seeded(seed);
  const start = 1_000 * BATCH_MS;
  const later = start + (spanBatches + 6) * BATCH_MS;
  const events: ScenarioEvent[] = [];
  for (let person = 0; person < people; person++) {
    const collectedAt = start + Math.floor(random() * spanBatches * BATCH_MS);
    events.push({ at: collectedAt, kind: "collect", person });
    const written = [collectedAt + 30_000, later + Math.floor(random() * 4 * BATCH_MS)];
    written.forEach((now, i) => {
      const drawn = random();
      const at = delay ? (sendAfter({ now, collectedAt, batchMs: BATCH_MS, random: () => drawn }) ?? now) : now;
      events.push({ at, kind: "post", person, round: (i + 1) as 1 | 2 });
    });
  }
  // Ties (none in practice): a collection before a post.
  return events.sort((a, b) => a.at - b.at || (a.kind === "collect" ? -1 : 1));
}

/** What the adversary sees: commits in order, each a collection (named) or a batch of comments (by writer, unknown to them). */
export type Commit = { kind: "collect"; person: number } | { kind: "batch"; writers: number[] };

/**
 * The commit sequence a database holds after the events, with a flush after every post and the
 * k rule (a batch waits until at least k people have collected; held comments go with the next
 * flush that may publish).
 */
export function commits(events: ScenarioEvent[], k: number): Commit[] {
  const out: Commit[] = [];
  const collected = new Set<number>();
  let held: number[] = [];
  for (const e of events) {
    if (e.kind === "collect") {
      collected.add(e.person);
      out.push({ kind: "collect", person: e.person });
    } else {
      held.push(e.person);
      if (collected.size >= k) {
        out.push({ kind: "batch", writers: held });
        held = [];
      }
    }
  }
  return out;
}

export type Score = { correct: number; chance: number; comments: number };
export type AttackResult = { inside: Score; after: Score; total: Score };

/**
 * The commit-order attack: each comment is attributed to whoever collected last before its
 * batch. `chance` is what guessing among everyone who had collected by then scores on average
 * (the sum of 1/holders over the comments: the writer is one of them, nothing else is known).
 * `inside` counts the comments published while people were still to collect (`people` in all),
 * `after` those published after the last collection: there the last collector is named for every
 * comment, so their own comments are named whatever the timing.
 */
export function lastCollectorAttack(sequence: Commit[], people: number): AttackResult {
  const zero = (): Score => ({ correct: 0, chance: 0, comments: 0 });
  const result = { inside: zero(), after: zero(), total: zero() };
  let last: number | null = null;
  const holders = new Set<number>();
  for (const c of sequence) {
    if (c.kind === "collect") {
      last = c.person;
      holders.add(c.person);
      continue;
    }
    for (const writer of c.writers) {
      for (const score of [holders.size < people ? result.inside : result.after, result.total]) {
        score.comments++;
        score.chance += 1 / holders.size;
        if (writer === last) score.correct++;
      }
    }
  }
  return result;
}

/** The attack's mean over seeds 1..n of the model (fixed seeds: the same numbers on every run). */
export function measure(n: number, options: Omit<ScenarioOptions, "seed">, k: number) {
  const sum = { inside: { correct: 0, chance: 0 }, after: { correct: 0, chance: 0 }, total: { correct: 0, chance: 0 } };
  let squares = 0;
  for (let seed = 1; seed <= n; seed++) {
    const r = lastCollectorAttack(commits(scenario({ ...options, seed }), k), options.people);
    for (const part of ["inside", "after", "total"] as const) {
      sum[part].correct += r[part].correct;
      sum[part].chance += r[part].chance;
    }
    squares += (r.inside.correct - r.inside.chance) ** 2;
  }
  const mean = (x: number) => x / n;
  const excess = mean(sum.inside.correct - sum.inside.chance);
  return {
    inside: { correct: mean(sum.inside.correct), chance: mean(sum.inside.chance) },
    after: { correct: mean(sum.after.correct), chance: mean(sum.after.chance) },
    total: { correct: mean(sum.total.correct), chance: mean(sum.total.chance) },
    /** The standard error of the mean excess (correct minus chance) inside the hour. */
    insideExcessError: Math.sqrt(Math.max(0, mean(squares) - excess ** 2) / n),
  };
}
