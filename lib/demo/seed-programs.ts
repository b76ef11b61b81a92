// The monitoring programs of the demo story and their anonymous discussion, written through the
// domain layer and the real blind-token flow, exactly as browsers would.
import type { Actor } from "@/lib/auth/actor";
import { blindNonces, finalizeTokens } from "@/lib/anonymity/client";
import { publishedKeys } from "@/lib/anonymity/keys";
import { randomBytes } from "node:crypto";
import type { StoredToken } from "@/lib/anonymity/client";
import { flushIssuances } from "@/lib/anonymity/issuance";
import { issueTokens } from "@/lib/anonymity/tokens";
import { isoWeek, nextWeekStart } from "@/lib/anonymity/week";
import { flushComments, postAnonymousComment, type Thread } from "@/lib/comments";
import { getSettings } from "@/lib/settings";
import type { Db } from "@/lib/db/client";
import { createProgram, updateProgram } from "@/lib/programs";

const DAY = 86_400_000;

const FLOW_V1 = `Flow Insights records how work is done on company laptops so that assistant models can
learn common workflows.

- **Collected:** clicks, keystrokes, names of active windows, a screenshot every five minutes.
- **Kept:** 24 months.
- **Access:** the Productivity Analytics team.
- Participation is required for every company laptop.`;

const FLOW_V2 = `Flow Insights records how work is done on company laptops so that assistant models can
learn common workflows.

- **Collected:** clicks, keystrokes, names of active windows, a screenshot every five minutes.
- **Kept:** 24 months.
- **Access:** the Productivity Analytics team.
- Participation is required for every company laptop, but anyone may pause capture for up to
  30 minutes at a time from the tray icon.`;

const FLOW_V3 = `Flow Insights is **paused**. No clicks, keystrokes, window names or screenshots are being
collected while access to the data collected so far is investigated.

- **Collected until the pause:** clicks, keystrokes, names of active windows, a screenshot every five minutes.
- **Kept:** 24 months; no deletion has been decided yet.
- **Access:** restricted to the investigation team while the review runs.`;

/** The facts about Flow Insights that stay the same across its edits. */
function flowFacts(now: Date) {
  return {
    name: "Flow Insights",
    slug: "flow-insights",
    owningTeam: "Productivity Analytics",
    purpose: "Record how work is done on company laptops to train assistant models on common workflows.",
    collects: ["clicks", "keystrokes", "active window names", "screenshots every five minutes"],
    retention: "24 months",
    consentModel: "mandatory",
    startedOn: new Date(now.getTime() - 80 * DAY).toISOString().slice(0, 10),
  };
}

export async function seedPrograms(db: Db, admin: Actor, now: Date) {
  const at = (daysAgo: number) => ({ now: new Date(now.getTime() - daysAgo * DAY) });
  const base = flowFacts(now);
  await createProgram(db, admin, { ...base, dataAccess: "The Productivity Analytics team", status: "active", policyText: FLOW_V1, statusReason: "Rolled out to every company laptop." }, at(80));
  await updateProgram(
    db,
    admin,
    "flow-insights",
    { ...base, dataAccess: "The Productivity Analytics team", status: "active", policyText: FLOW_V2, versionNote: "Employees may pause capture for up to 30 minutes at a time." },
    at(12),
  );
  await createProgram(
    db,
    admin,
    {
      name: "Badge entry analytics",
      owningTeam: "Workplace Services",
      purpose: "Measure office occupancy from badge entries to plan desks and cleaning.",
      collects: "badge entries, door, time of entry",
      retention: "90 days, then counts per floor only",
      dataAccess: "Workplace Services planners",
      consentModel: "opt-out",
      status: "active",
      policyText: "Badge entries are counted per floor and hour. Individual records are deleted after 90 days.",
      startedOn: new Date(now.getTime() - 400 * DAY).toISOString().slice(0, 10),
    },
    at(400),
  );
  await createProgram(
    db,
    admin,
    {
      name: "Meeting transcription pilot",
      owningTeam: "Collaboration Tools",
      purpose: "Offer automatic notes for meetings whose organizer switches them on.",
      collects: "meeting audio, transcripts",
      retention: "30 days",
      dataAccess: "Meeting participants only",
      consentModel: "opt-in",
      status: "proposed",
      policyText: "Transcription runs only when the organizer switches it on and every participant is told at the start of the meeting.",
    },
    at(3),
  );
}

/** After leadership paused the program, the admin publishes the policy text that says so. */
export async function seedFlowPausedPolicy(db: Db, admin: Actor, now: Date) {
  const at = (daysAgo: number) => ({ now: new Date(now.getTime() - daysAgo * DAY) });
  const base = flowFacts(now);
  await updateProgram(
    db,
    admin,
    "flow-insights",
    {
      ...base,
      dataAccess: "Restricted to the investigation team while access is reviewed",
      status: "paused",
      policyText: FLOW_V3,
      versionNote: "Collection paused; access restricted during the investigation.",
    },
    at(4),
  );

}

type SeedComment = { daysAgo: number; body: string; replies?: { daysAgo: number; body: string }[] };

/**
 * The anonymous discussion, as people would have written it. Every collector's browser collects
 * the whole weekly allowance on its first visit of each week, whether or not its owner writes
 * (one issuance of `weeklyTokenAllowance` blinded messages, as components/anonymous/wallet.ts
 * does), so `TokenIssuance` is the same for all of them and names no writer. Writers spend real
 * unblinded tokens; each day's comments go through the batch (lib/anonymity/batch.ts) and are
 * published together, in random order, at that day's flush.
 *
 * Tokens nobody spends are never unblinded here: a blinded message is a uniformly random number
 * below the key's modulus, so the seed sends random numbers for them, which the server cannot
 * tell apart, and saves the slow unblinding in JavaScript.
 */
export async function seedDiscussions(db: Db, collectors: Actor[], discussions: { thread: Thread; comments: SeedComment[] }[], now: Date) {
  const { weeklyTokenAllowance } = await getSettings(db);
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
  // Who writes what: round-robin over the collectors, so writers are a few among the many.
  type Post = { daysAgo: number; body: string; thread: Thread; writer: Actor; parentBody?: string };
  const posts: Post[] = [];
  let w = 0;
  for (const { thread, comments } of discussions) {
    for (const c of comments) {
      posts.push({ daysAgo: c.daysAgo, body: c.body, thread, writer: collectors[w++ % collectors.length]! });
      for (const r of c.replies ?? []) posts.push({ daysAgo: r.daysAgo, body: r.body, thread, writer: collectors[w++ % collectors.length]!, parentBody: c.body });
    }
  }
  // Each week, on its first day with a post, every collector collects the whole allowance.
  const wallets = new Map<string, StoredToken[]>();
  const collectedWeeks = new Set<string>();
  const days = [...new Set(posts.map((p) => p.daysAgo))].sort((a, b) => b - a);
  for (const daysAgo of days) {
    const when = at(daysAgo);
    const week = isoWeek(when);
    if (!collectedWeeks.has(week)) {
      collectedWeeks.add(week);
      const [key] = await publishedKeys(db, when);
      for (const person of collectors) {
        const writes = posts.filter((p) => p.writer.id === person.id && isoWeek(at(p.daysAgo)) === week).length;
        const blinded = await blindNonces(key!, writes);
        const filler = Array.from({ length: weeklyTokenAllowance - writes }, () => {
          const bytes = randomBytes(256);
          bytes[0] = 0; // below any 2048-bit modulus
          return bytes.toString("base64");
        });
        const issued = await issueTokens(db, person, { keyId: key!.id, blindedMessages: [...blinded.blindedMessages, ...filler] }, { now: when });
        const tokens = await finalizeTokens(key!, blinded, issued.blindSignatures.slice(0, writes));
        wallets.set(`${person.id}:${week}`, tokens);
      }
    }
    for (const p of posts.filter((x) => x.daysAgo === daysAgo)) {
      const token = wallets.get(`${p.writer.id}:${week}`)!.shift();
      const parentId = p.parentBody ? (await db.anonComment.findFirstOrThrow({ where: { body: p.parentBody }, select: { id: true } })).id : undefined;
      await postAnonymousComment(db, { thread: p.thread, parentId, body: p.body, token }, { now: when });
    }
    await flushComments(db, when);
  }
  // The collections, written down as the server does when a week is over (decision 028); the
  // seed writes the current week's too, as it stands for weeks of use.
  await flushIssuances(db, { until: nextWeekStart(now) });
}

export const FLOW_COMMENTS = [
  {
    daysAgo: 20,
    body: "I found my own typed passwords in the dashboard export. Anyone in the company could have opened it.",
    replies: [{ daysAgo: 19, body: "Same here. I reported it to security and heard nothing for a week." }],
  },
  { daysAgo: 15, body: "The thirty-minute pause is not consent. It is a snooze button on surveillance." },
  {
    daysAgo: 9,
    body: "Our team was told the model only sees **aggregated** data. The policy text never said that.",
    replies: [{ daysAgo: 8, body: "Check the version history on this page: the word *aggregated* never appears." }],
  },
  { daysAgo: 4, body: "Pausing is a start. What happens to the two months of keystrokes already collected?" },
  { daysAgo: 1, body: "Please publish who looked at the data before the pause, even as counts per team." },
];

export const PETITION_COMMENTS = [
  { daysAgo: 18, body: "Signed. I am not against AI tools, I am against being recorded without being asked." },
  { daysAgo: 6, body: "If you are worried about signing with your name, the anonymous option still counts." },
];
