// Databases for the specs that run their own server (own-server.ts), written through the domain
// layer as the app would. Run with tsx in its own process; prints JSON.
//   fuzz URL SECRET  → petitions in every state, people with session cookies, valid anonymous
//                      tokens and unsubscribe links, for the route fuzzer
import { encode } from "@auth/core/jwt";
import type { Actor, Role } from "@/lib/auth/actor";
import { createDb, type Db } from "@/lib/db/client";
import { postAnonymousComment } from "@/lib/comments";
import { hidePetition } from "@/lib/moderation";
import { unsubscribeToken } from "@/lib/notifications";
import { closePetition, createPetition, submitForCoSponsors } from "@/lib/petitions/commands";
import { writeSettings } from "@/lib/settings";
import { signPetition } from "@/lib/signatures";
import { prepareDatabase } from "@/scripts/prepare-db";
import { collectTokens, makeProgram } from "../../integration/anon";

async function person(db: Db, i: number | string, role: Role = "employee"): Promise<Actor> {
  const user = await db.user.create({
    data: { email: `person.${i}@example.com`, name: `Person ${i}`, role, department: "Engineering", location: "Berlin" },
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
    // Some people have signed the open one, so withdrawing can succeed.
    for (const p of people.slice(3, 30)) await signPetition(db, p, open.id, { visibility: p.email.length % 2 ? "named" : "anonymous" });

    const program = await makeProgram(db, "fuzz-program");
    // Tokens the browser would hold: valid, and one already spent. Collecting them also makes
    // this week's key, so no refused request is the one that creates it.
    const tokens = [];
    for (const p of people.slice(40, 45)) tokens.push(...(await collectTokens(db, p, 20)));
    const spent = tokens.pop()!;
    const comment = await postAnonymousComment(db, { thread: { programSlug: program.slug }, body: "A first comment to reply to.", token: spent });
    const reply = await postAnonymousComment(db, { thread: { programSlug: program.slug }, parentId: comment.id, body: "A reply, one level deep.", token: tokens.pop()! });

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
      people: cookies,
      roles: {
        moderator: await cookieFor(moderator.id, secret),
        leadership: await cookieFor(leadership.id, secret),
        admin: await cookieFor(admin.id, secret),
      },
      tokens,
      spentToken: spent,
      unsubscribe: people.slice(50, 60).map((p) => unsubscribeToken(p.id, secret)),
    };
  } finally {
    await db.$disconnect();
  }
}

const [command, ...args] = process.argv.slice(2);
const commands: Record<string, (...a: string[]) => Promise<unknown>> = { fuzz: (u, s) => fuzz(u!, s!) };
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
