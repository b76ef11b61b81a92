// The quiet-hour scenario of decisions 009 and 028 ("a quiet batch right after one collection"),
// as a plain model: people collect their tokens at random times, each posts right after
// collecting and once more later, and every post is made durable at once (a flush after every
// post, the adversary's best case: no batch ever mixes two posts). Posts are timed by the
// browser's policy (lib/comments/send-delay.ts) or, for the control, sent at once. Collections are
// written when their week is over (lib/anonymity/issuance.ts) or, for the old behaviour, when they
// happen. The forensic test (anonymity-forensics.test.ts) plays the same events against a real
// database and replays its WAL or reads `xmin`, and requires the model to match it.
import { sendAfter } from "@/lib/comments/send-delay";

export const BATCH_MS = 300_000;
/** Collections are written at every multiple of this (in the model's clock: the week's start). */
export const WEEK_MS = 7 * 86_400_000;

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

export type ScenarioEvent =
  | { at: number; kind: "collect"; person: number }
  /** `key`: the week (as `weekOf`) of the key whose token paid: the oldest this person holds that still verifies, as the browser spends them. */
  | { at: number; kind: "post"; person: number; round: 1 | 2; key: number }
  /** A week begins: the collections of the weeks before are written. */
  | { at: number; kind: "week" };

export type ScenarioOptions = {
  people: number;
  seed: number;
  delay: boolean;
  spanBatches?: number;
  /**
   * Where the week's start falls: anywhere (the hour starts at a uniform time of the week, as a
   * quiet hour would) or inside the collections (the adversary's best case: the start of the week
   * splits the people into those who collected before it and the few after).
   */
  weekStart?: "anywhere" | "inside";
  /**
   * Whether a person who writes in a week in which they have not collected collects first, as the
   * browser does on its first visit of every week (components/anonymous/wallet.ts, decision 009),
   * whatever tokens of last week it still holds (true, the default), or writes with last week's
   * tokens without collecting (false: a browser that does not collect, as the model assumed before).
   */
  recollect?: boolean;
};

/** The week a time is in (weeks start at the multiples of WEEK_MS). */
export const weekOf = (at: number) => Math.floor(at / WEEK_MS);

/**
 * The events in time order. Each person collects at a uniform time over `spanBatches` batch
 * windows (as many windows as people by default: a quiet hour, about one collection per batch)
 * and writes a comment 30 seconds later (round 1, the audit's pattern); six batches after the
 * hour everyone writes once more, in the next four batches (round 2, nobody collecting then).
 * Every start of a week from the first collection to after the last post is an event too. A person
 * writing in a later week than their last collection collects again when they write (`recollect`).
 */
export function scenario({ people, seed, delay, spanBatches = people, weekStart = "anywhere", recollect = true }: ScenarioOptions): ScenarioEvent[] {
  const random = seeded(seed);
  const base = 1_000 * WEEK_MS;
  const offset = Math.floor(random() * (weekStart === "inside" ? spanBatches * BATCH_MS : WEEK_MS));
  const start = weekStart === "inside" ? base - offset : base + offset;
  const later = start + (spanBatches + 6) * BATCH_MS;
  const events: ScenarioEvent[] = [];
  for (let person = 0; person < people; person++) {
    let collectedAt = start + Math.floor(random() * spanBatches * BATCH_MS);
    events.push({ at: collectedAt, kind: "collect", person });
    const weeks = [weekOf(collectedAt)];
    const written = [collectedAt + 30_000, later + Math.floor(random() * 4 * BATCH_MS)];
    written.forEach((now, i) => {
      const drawn = random();
      if (recollect && weekOf(now) > weekOf(collectedAt)) {
        collectedAt = now;
        events.push({ at: now, kind: "collect", person });
        weeks.push(weekOf(now));
      }
      // The oldest tokens that still verify (this week's key or last week's) are spent first.
      const key = Math.min(...weeks.filter((w) => w >= weekOf(now) - 1));
      const at = delay ? (sendAfter({ now, collectedAt, batchMs: BATCH_MS, random: () => drawn }) ?? now) : now;
      events.push({ at, kind: "post", person, round: (i + 1) as 1 | 2, key });
    });
  }
  const last = Math.max(...events.map((e) => e.at));
  for (let week = (Math.floor(start / WEEK_MS) + 1) * WEEK_MS; week <= last + WEEK_MS; week += WEEK_MS) events.push({ at: week, kind: "week" });
  // Ties: a week's start first (its collections are written before that instant's batch), then a
  // collection, then a post.
  const order = { week: 0, collect: 1, post: 2 } as const;
  return events.sort((a, b) => a.at - b.at || order[a.kind] - order[b.kind]);
}

/**
 * What the adversary sees: commits in order, each the collections it wrote (named, with the week
 * they are of) or a batch of comments (by writer, unknown to them; the week it was written in, as
 * its day says; and, when spent tokens keep their key, the key weeks of its spent tokens, in no
 * order). `holders` is not seen: how many people held tokens when the batch was written (had
 * collected, whether written down or not), the crowd the batch hides in, which sets what guessing
 * scores.
 */
export type Commit = { kind: "collect"; people: number[]; week?: number } | { kind: "batch"; writers: number[]; holders?: number; week?: number; keys?: number[] };

/**
 * When collections become durable and what a spent token keeps: collections when their week is
 * over and spent tokens with their batch's week only (now); collections when their week is over
 * and spent tokens with their key (decision 028 before the week's start was closed); collections
 * when they happen and spent tokens with their key (before decision 028).
 */
export type Records = "weekly" | "weekly-keyed" | "at-collection";

/**
 * The commit sequence a database holds after the events, with a flush after every post and the
 * k rule (a batch waits until at least k people hold tokens, written down or pending; held
 * comments go with the next flush that may publish).
 */
export function commits(events: ScenarioEvent[], k: number, records: Records = "weekly"): Commit[] {
  const out: Commit[] = [];
  const collected = new Set<number>();
  let pending: number[] = [];
  let held: { person: number; key: number }[] = [];
  const keyed = records !== "weekly";
  for (const e of events) {
    if (e.kind === "collect") {
      collected.add(e.person);
      if (records === "at-collection") out.push({ kind: "collect", people: [e.person], week: weekOf(e.at) });
      else pending.push(e.person);
    } else if (e.kind === "week") {
      if (pending.length) out.push({ kind: "collect", people: pending, week: weekOf(e.at) - 1 });
      pending = [];
    } else {
      held.push({ person: e.person, key: e.key });
      if (collected.size >= k) {
        const batch: Commit = { kind: "batch", writers: held.map((h) => h.person), holders: collected.size, week: weekOf(e.at) };
        out.push(keyed ? { ...batch, keys: held.map((h) => h.key) } : batch);
        held = [];
      }
    }
  }
  return out;
}

export type Score = { correct: number; chance: number; comments: number };
export type AttackResult = { inside: Score; after: Score; total: Score };

export type Attack = "last" | "next" | "key";

/**
 * The attacks: each comment is attributed to the collections written last before its batch
 * ("last"), or first after it ("next"), guessing uniformly among the people of that commit (a
 * commit's inner order is a shuffle): a correct guess scores the chance it had, 1/people of the
 * commit. Before decision 028 every collection was its own commit, and "last" named the last
 * collector. "key" reads the week records instead of the order: a batch's comments were paid with
 * tokens of the weeks its spent tokens name (a key of week w: guess among the people recorded for
 * w and not for the week before, who hold no older tokens to spend first, or among all of w's
 * when there are none), or, when spent tokens keep no key, of the batch's week or the week
 * before (guess among the people recorded for either). `chance` is what guessing among everyone
 * who held tokens then scores (the sum of 1/holders over the comments). `inside` counts the
 * comments published while people were still to collect for the first time (`people` in all),
 * `after` those published after the last first collection.
 */
export function commitOrderAttack(sequence: Commit[], people: number, which: Attack): AttackResult {
  const zero = (): Score => ({ correct: 0, chance: 0, comments: 0 });
  const result = { inside: zero(), after: zero(), total: zero() };
  // What the week records say once written: the people recorded for each week.
  const recorded = new Map<number, Set<number>>();
  for (const c of sequence) if (c.kind === "collect" && c.week !== undefined) for (const p of c.people) recorded.set(c.week, (recorded.get(c.week) ?? new Set()).add(p));
  const of = (week: number) => [...(recorded.get(week) ?? [])];
  const onlyKey = (week: number) => {
    const fresh = of(week).filter((p) => !recorded.get(week - 1)?.has(p));
    return fresh.length ? fresh : of(week);
  };
  /** Guesses: each a set of people, one of them picked uniformly; the guess itself is picked uniformly among them. */
  const guessesFor = (c: Extract<Commit, { kind: "batch" }>, i: number): number[][] => {
    if (which === "key") return c.keys ? c.keys.map(onlyKey) : [[...new Set([...of(c.week ?? 0), ...of((c.week ?? 0) - 1)])]];
    const around = which === "last" ? sequence.slice(0, i).reverse() : sequence.slice(i + 1);
    const named = around.find((x) => x.kind === "collect");
    return [named?.kind === "collect" ? named.people : []];
  };
  sequence.forEach((c, i) => {
    if (c.kind !== "batch") return;
    const guesses = guessesFor(c, i);
    const holders = c.holders ?? 0;
    for (const writer of c.writers) {
      const named = guesses.reduce((sum, g) => sum + (g.includes(writer) ? 1 / g.length : 0), 0) / guesses.length;
      for (const score of [holders < people ? result.inside : result.after, result.total]) {
        score.comments++;
        score.chance += 1 / holders;
        score.correct += named;
      }
    }
  });
  return result;
}

export type Measured = {
  inside: { correct: number; chance: number };
  after: { correct: number; chance: number };
  total: { correct: number; chance: number };
  /** Standard errors of the mean excess (correct minus chance), over the whole run and after the last collection. */
  totalError: number;
  afterError: number;
};

/** An attack's mean over seeds 1..n of the model (fixed seeds: the same numbers on every run). */
export function measure(n: number, options: Omit<ScenarioOptions, "seed">, k: number, records: Records, which: Attack): Measured {
  const sum = { inside: { correct: 0, chance: 0 }, after: { correct: 0, chance: 0 }, total: { correct: 0, chance: 0 } };
  const squares = { total: 0, after: 0 };
  for (let seed = 1; seed <= n; seed++) {
    const r = commitOrderAttack(commits(scenario({ ...options, seed }), k, records), options.people, which);
    for (const part of ["inside", "after", "total"] as const) {
      sum[part].correct += r[part].correct;
      sum[part].chance += r[part].chance;
    }
    squares.total += (r.total.correct - r.total.chance) ** 2;
    squares.after += (r.after.correct - r.after.chance) ** 2;
  }
  const mean = (x: number) => x / n;
  const error = (part: "total" | "after") => Math.sqrt(Math.max(0, mean(squares[part]) - mean(sum[part].correct - sum[part].chance) ** 2) / (n - 1));
  return {
    inside: { correct: mean(sum.inside.correct), chance: mean(sum.inside.chance) },
    after: { correct: mean(sum.after.correct), chance: mean(sum.after.chance) },
    total: { correct: mean(sum.total.correct), chance: mean(sum.total.chance) },
    totalError: error("total"),
    afterError: error("after"),
  };
}
