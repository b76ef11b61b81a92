// Databases for the specs that run their own server (own-server.ts), written through the domain
// layer as the app would. Run with tsx in its own process; prints JSON.
//   fuzz URL SECRET  → petitions in every state, people with session cookies, valid anonymous
//                      tokens and unsubscribe links, for the route fuzzer
//   xss URL SECRET   → XSS payloads in every place people write (and in people's names and
//                      departments), for the browser test that renders them
import { encode } from "@auth/core/jwt";
import type { Actor, Role } from "@/lib/auth/actor";
import { createDb, type Db } from "@/lib/db/client";
import { setRole, updateSettings } from "@/lib/admin";
import { flagComment } from "@/lib/comments";
import { askQuestion } from "@/lib/comments/conversation";
import { decideAppeal, fileAppeal, hideComment, hidePetition } from "@/lib/moderation";
import { unsubscribeToken } from "@/lib/notifications";
import { closePetition, createPetition, deliverPetition, inviteCoOrganizer, submitForCoSponsors } from "@/lib/petitions/commands";
import { createProgram, updateProgram } from "@/lib/programs";
import { editResponse, markCommitmentKept, postOrganizerUpdate, postResponse } from "@/lib/responses";
import { writeSettings } from "@/lib/settings";
import { signPetition } from "@/lib/signatures";
import { prepareDatabase } from "@/scripts/prepare-db";
import { collectSignTokens, collectTokens, gatherCrowd, makeAnswerKey, makeProgram, postPublished, signAnonymouslyNow, wire } from "../../integration/anon";
import { payloadTexts } from "./xss-payloads";

async function person(db: Db, i: number | string, role: Role = "employee", extra: { name?: string; department?: string; location?: string } = {}): Promise<Actor> {
  const user = await db.user.create({
    data: { email: `person.${i}@example.com`, name: `Person ${i}`, role, department: "Engineering", location: "Berlin", ...extra },
  });
  return { ...user, role };
}

export const cookieFor = async (userId: string, secret: string) =>
  `authjs.session-token=${await encode({ token: { uid: userId, sub: userId, sv: 0 }, secret, salt: "authjs.session-token" })}`;

const petitionInput = (title: string) => ({
  title,
  ask: "Keep this petition steady while hostile requests arrive.",
  background: "A petition that exists so the route fuzzer has something real to aim at.",
  addressedTo: "The test suite",
  goal: 100,
});

/** Creates, submits and co-sponsors a petition so it is open. */
async function openOne(db: Db, organizer: Actor, title: string, sponsors: Actor[]) {
  const p = await createPetition(db, organizer, petitionInput(title));
  await submitForCoSponsors(db, organizer, p.id);
  for (const s of sponsors) await signPetition(db, s, p.id, { visibility: "named", invite: p.coSponsorToken });
  return p;
}

async function fuzz(url: string, secret: string) {
  await prepareDatabase(url, { seed: false });
  const db = createDb(url);
  try {
    await writeSettings(db, { coSponsorsNeeded: 2, weeklyTokenAllowance: 100 });
    const people: Actor[] = [];
    for (let i = 0; i < 60; i++) people.push(await person(db, i));
    const organizer = people[0]!;
    const moderator = await person(db, "moderator", "moderator");
    const leadership = await person(db, "leadership", "leadership");
    const admin = await person(db, "admin", "admin");

    const open = await openOne(db, organizer, "An open petition for the fuzzer", [people[1]!, people[2]!]);
    const closed = await openOne(db, organizer, "A closed petition for the fuzzer", [people[1]!, people[2]!]);
    await closePetition(db, organizer, closed.id);
    const hidden = await openOne(db, organizer, "A hidden petition for the fuzzer", [people[1]!, people[2]!]);
    await hidePetition(db, moderator, hidden.id, { reasonCode: "spam", reasonText: "Hidden so the fuzzer meets a hidden one." });
    const collecting = await createPetition(db, organizer, petitionInput("A petition gathering co-sponsors for the fuzzer"));
    await submitForCoSponsors(db, organizer, collecting.id);
    const draft = await createPetition(db, organizer, petitionInput("A draft petition for the fuzzer"));
    // Some people have signed the open one, so withdrawing can succeed: by name, or anonymously
    // through the token flow (decision 018), whose spent tokens the fuzzer sends again.
    const spentSignTokens = [];
    for (const p of people.slice(3, 30)) {
      if (p.email.length % 2) await signPetition(db, p, open.id, { visibility: "named" });
      else spentSignTokens.push(wire((await signAnonymouslyNow(db, p, open.id)).token));
    }
    // Signing tokens browsers hold for the open petition, unspent, for the anonymous door.
    const signTokens = [];
    for (const p of people.slice(45, 50)) signTokens.push(wire((await collectSignTokens(db, p, new Date(), open.id)).get(open.id)!));
    const signKeyId = (await db.signKey.findUniqueOrThrow({ where: { petitionId: open.id }, select: { keyId: true } })).keyId;

    const program = await makeProgram(db, "fuzz-program");
    // Tokens the browser would hold: valid, and one already spent. Collecting them also makes
    // this week's key, so no refused request is the one that creates it.
    const tokens = [];
    for (const p of people.slice(40, 45)) tokens.push(...(await collectTokens(db, p, 20)));
    const spent = tokens.pop()!;
    // Five collectors: a crowd of k, so the batch publishes.
    const writerKey = await makeAnswerKey();
    const comment = await postPublished(db, { thread: { programSlug: program.slug }, body: "A first comment to reply to.", token: spent, answerKey: writerKey.answerKey });
    // A question to its writer, and answers signed with the comment's key (decision 026).
    const question = await askQuestion(db, leadership, comment.id, { body: "What would you change first?" });
    const answers = await Promise.all(["Ask before recording.", "**Stop** the keystroke logging."].map((b) => writerKey.answer(comment.id, question.id, b)));
    const reply = await postPublished(db, { thread: { programSlug: program.slug }, parentId: comment.id, body: "A reply, one level deep.", token: tokens.pop()! });

    const cookies = await Promise.all(people.map(async (p) => ({ id: p.id, cookie: await cookieFor(p.id, secret) })));
    return {
      petitions: {
        open: open.id,
        closed: closed.id,
        hidden: hidden.id,
        collecting: { id: collecting.id, invite: collecting.coSponsorToken },
        draft: draft.id,
      },
      program: program.slug,
      comments: { top: comment.id, reply: reply.id },
      conversation: { question: question.id, answerKey: writerKey.answerKey, answers },
      people: cookies,
      roles: {
        moderator: await cookieFor(moderator.id, secret),
        leadership: await cookieFor(leadership.id, secret),
        admin: await cookieFor(admin.id, secret),
      },
      tokens,
      spentToken: spent,
      signTokens,
      spentSignTokens,
      signKeyId,
      unsubscribe: people.slice(50, 60).map((p) => unsubscribeToken(p.id, secret)),
    };
  } finally {
    await db.$disconnect();
  }
}

/**
 * Every place a person writes text that a page shows, filled with XSS payloads that call
 * top.__xss(n): petitions (title, ask, background, addressee), organizer updates, comments and
 * replies, leadership responses with their corrections and commitments, programs (every field,
 * policy versions and status reasons), moderation reasons, appeals and decisions, and people's
 * own names and departments (they come from single sign-on claims).
 */
async function xss(url: string, secret: string) {
  await prepareDatabase(url, { seed: false });
  const db = createDb(url);
  const P = payloadTexts();
  const short = P.filter((p) => p.length <= 100);
  const all = P.join("\n\n");
  const pick = (i: number) => short[i % short.length]!;
  const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
  try {
    await writeSettings(db, { coSponsorsNeeded: 2, anonymityK: 2, weeklyTokenAllowance: 100 });
    const named = (i: number, role: Role = "employee", department = "Engineering") =>
      person(db, `x${i}`, role, { name: `${["Orla", "Ines", "Ravi", "Mia", "Ken", "Ada", "Leo", "Zoe", "Ola", "Tim", "Eva", "Sam"][i % 12]} ${pick(i)}`, department, location: i % 2 ? pick(i + 7) : "Lisbon" });
    const organizer = await named(0);
    const hostileDepartment = `Dept ${pick(3)}`;
    const crowd: Actor[] = [];
    for (let i = 1; i <= 8; i++) crowd.push(await named(i, "employee", i <= 4 ? hostileDepartment : "Engineering"));
    const viewer = await person(db, "viewer", "employee", { name: `Vera ${pick(11)}` });
    const invitee = await person(db, "invitee", "employee", { name: `Ivo ${pick(12)}` });
    const writer = await person(db, "writer", "employee", { name: `Wes ${pick(13)}` });
    const leader = await named(20, "leadership");
    const moderator = await named(21, "moderator");
    const admin = await named(22, "admin");

    // A program with hostile text in every field, then edited: a new policy version with its
    // word diff, and a status change with a hostile reason.
    const programInput = {
      name: `Program ${pick(1)}`.slice(0, 120),
      slug: "hostile-program",
      owningTeam: `Team ${pick(2)}`.slice(0, 120),
      purpose: P.slice(0, 12).join("\n").slice(0, 2000),
      collects: short.slice(0, 25).map((p) => p.slice(0, 80)),
      retention: pick(4).slice(0, 300),
      dataAccess: P.slice(12, 20).join("\n").slice(0, 1000),
      consentModel: "mandatory",
      status: "active",
      policyText: all,
      statusReason: pick(5),
      versionNote: pick(6),
    };
    await createProgram(db, admin, programInput);
    await updateProgram(db, admin, "hostile-program", { ...programInput, policyText: [...P].reverse().join("\n\n"), status: "paused", statusReason: pick(7), versionNote: pick(8) });

    const petition = (title: string) => ({ title: `${title} ${pick(title.length)}`.slice(0, 120), ask: `Ask ${pick(9)}`.slice(0, 280), background: all, addressedTo: `To ${pick(10)}`.slice(0, 120), goal: 100 });
    // Opened and signed days ago: the dashboard's breakdowns count only signatures before today.
    const ago = (days: number) => ({ now: new Date(Date.now() - days * 86_400_000) });
    const open = async (title: string) => {
      const p = await createPetition(db, organizer, { ...petition(title), programId: (await db.program.findUniqueOrThrow({ where: { slug: "hostile-program" } })).id }, ago(4));
      await submitForCoSponsors(db, organizer, p.id, ago(4));
      for (const c of crowd.slice(0, 2)) await signPetition(db, c, p.id, { visibility: "named", invite: p.coSponsorToken }, ago(3));
      return p;
    };
    const main = await open("Main");
    for (const c of crowd.slice(2)) {
      if (c.email.endsWith("5@example.com")) await signAnonymouslyNow(db, c, main.id, ago(2).now);
      else await signPetition(db, c, main.id, { visibility: "named" }, ago(2));
    }
    // The viewer follows it by signing; everything after this notifies them.
    await signPetition(db, viewer, main.id, { visibility: "named" });
    await inviteCoOrganizer(db, organizer, main.id, { email: invitee.email }, { secrets: [secret] });
    await postOrganizerUpdate(db, organizer, main.id, { body: all });
    const response = await postResponse(db, leader, {
      target: { petitionId: main.id },
      body: all,
      commitments: [
        { text: pick(13).slice(0, 300), ownerRole: pick(14).slice(0, 80), dueOn: day(20) },
        { text: pick(15).slice(0, 300), ownerRole: "CTO", dueOn: day(30) },
      ],
    });
    await editResponse(db, leader, response.id, { body: [...P].reverse().join("\n\n") });
    const commitment = await db.commitment.findFirstOrThrow({ where: { responseId: response.id, ownerRole: "CTO" } });
    await markCommitmentKept(db, leader, commitment.id, { note: pick(16) });
    await postResponse(db, leader, { target: { programSlug: "hostile-program" }, body: all, setStatus: "ended", statusReason: pick(17), commitments: [{ text: pick(18), ownerRole: "CISO", dueOn: day(10) }] });

    // Anonymous comments: every payload on the program and on the petition, a reply, flags
    // for the moderators' queue, and one hidden with a hostile reason.
    const tokens = [...(await collectTokens(db, crowd[6]!, 60)), ...(await collectTokens(db, crowd[7]!, 60))];
    // Others collect too, so the batches have a crowd of at least k to publish in.
    await gatherCrowd(db, crowd.slice(0, 6));
    const comments: string[] = [];
    for (const [i, body] of P.entries()) {
      const thread = i % 2 ? { programSlug: "hostile-program" } : { petitionId: main.id };
      comments.push((await postPublished(db, { thread, body, token: tokens.pop()! })).id);
    }
    await postPublished(db, { thread: { petitionId: main.id }, parentId: comments[0], body: all.slice(0, 4000), token: tokens.pop()! });
    for (const id of comments.slice(0, 10)) await flagComment(db, viewer, id, { reason: "Other" });
    await hideComment(db, moderator, comments[1]!, { reasonCode: "harassment", reasonText: pick(19) });

    // Moderation of petitions: one hidden with an appeal waiting, one restored on appeal.
    const hidden = await open("Hidden");
    await hidePetition(db, moderator, hidden.id, { reasonCode: "spam", reasonText: pick(20) });
    await fileAppeal(db, organizer, hidden.id, { text: all.slice(0, 2000) });
    const restored = await open("Restored");
    await hidePetition(db, moderator, restored.id, { reasonCode: "identifies", reasonText: pick(21) });
    const appeal = await fileAppeal(db, organizer, restored.id, { text: pick(22).padEnd(12, ".") });
    await decideAppeal(db, admin, appeal.id, { outcome: "overturned", note: pick(23) });

    // A closed and delivered petition, one gathering co-sponsors, and a draft.
    const delivered = await open("Delivered");
    await deliverPetition(db, organizer, delivered.id);
    const closed = await open("Closed");
    await closePetition(db, organizer, closed.id);
    const collecting = await createPetition(db, organizer, petition("Collecting"));
    await submitForCoSponsors(db, organizer, collecting.id);
    const draft = await createPetition(db, organizer, petition("Draft"));

    // Browsers collect the usual allowance (blinding 60 in a page would only be slow).
    await writeSettings(db, { weeklyTokenAllowance: 10 });

    // Administration: a role change of someone with a hostile name, a settings change.
    await setRole(db, admin, { userId: crowd[3]!.id, role: "moderator" });
    await updateSettings(db, admin, { responseDueDays: 15 });

    const slug = async (id: string) => (await db.petition.findUniqueOrThrow({ where: { id } })).slug;
    return {
      slugs: {
        main: await slug(main.id),
        hidden: await slug(hidden.id),
        restored: await slug(restored.id),
        delivered: await slug(delivered.id),
        closed: await slug(closed.id),
        collecting: await slug(collecting.id),
        collectingInvite: collecting.coSponsorToken,
        draft: await slug(draft.id),
      },
      program: "hostile-program",
      payloads: P.length,
      cookies: {
        organizer: await cookieFor(organizer.id, secret),
        viewer: await cookieFor(viewer.id, secret),
        invitee: await cookieFor(invitee.id, secret),
        writer: await cookieFor(writer.id, secret),
        leadership: await cookieFor(leader.id, secret),
        moderator: await cookieFor(moderator.id, secret),
        admin: await cookieFor(admin.id, secret),
      },
      unsubscribe: unsubscribeToken(viewer.id, secret),
    };
  } finally {
    await db.$disconnect();
  }
}

const [command, ...args] = process.argv.slice(2);
const commands: Record<string, (...a: string[]) => Promise<unknown>> = { fuzz: (u, s) => fuzz(u!, s!), xss: (u, s) => xss(u!, s!) };
const run = commands[command ?? ""];
if (!run) {
  console.error(`unknown command ${command}`);
  process.exit(2);
}
run(...args)
  .then((out) => process.stdout.write(JSON.stringify(out)))
  .catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack ?? e.message : e);
    process.exit(1);
  });
