// The monitoring programs of the demo story and their anonymous discussion, written through the
// domain layer and the real blind-token flow, exactly as browsers would.
import type { Actor } from "@/lib/auth/actor";
import { blindNonces, finalizeTokens } from "@/lib/anonymity/client";
import { publishedKeys } from "@/lib/anonymity/keys";
import { issueTokens } from "@/lib/anonymity/tokens";
import { postAnonymousComment, type Thread } from "@/lib/comments";
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

/** Posts comments as the browser would: collect blinded tokens, unblind, spend one per comment. */
export async function seedComments(db: Db, writers: Actor[], thread: Thread, comments: { daysAgo: number; body: string; replies?: { daysAgo: number; body: string }[] }[], now: Date) {
  let w = 0;
  const post = async (daysAgo: number, body: string, parentId?: string) => {
    const when = new Date(now.getTime() - daysAgo * DAY);
    const writer = writers[w++ % writers.length]!;
    const [key] = await publishedKeys(db, when);
    const blinded = await blindNonces(key!, 1);
    const issued = await issueTokens(db, writer, { keyId: key!.id, blindedMessages: blinded.blindedMessages }, { now: when });
    const [token] = await finalizeTokens(key!, blinded, issued.blindSignatures);
    return postAnonymousComment(db, { thread, parentId, body, token }, { now: when });
  };
  for (const c of comments) {
    const top = await post(c.daysAgo, c.body);
    for (const r of c.replies ?? []) await post(r.daysAgo, r.body, top.id);
  }
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
