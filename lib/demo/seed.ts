// The demo story from PRODUCT.md, written through the domain layer so every count, threshold
// and timeline event is produced the way the running app would produce it.
import type { Actor } from "@/lib/auth/actor";
import { toRole } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { closePetition, createPetition, submitForCoSponsors } from "@/lib/petitions/commands";
import { writeSettings } from "@/lib/settings";
import { signPetition } from "@/lib/signatures";
import { PERSONAS } from "./personas";
import { demoSigner, visitKeeping, type DemoWallets } from "./sign-tokens";
import { markCommitmentKept, markMissedCommitments, postOrganizerUpdate, postResponse } from "@/lib/responses";
import { FLOW_COMMENTS, PETITION_COMMENTS, seedDiscussions, seedFlowPausedPolicy, seedPrograms } from "./seed-programs";

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

const FIRST = ["Ana", "Ben", "Chloé", "Dev", "Elif", "Farah", "Gustav", "Hana", "Ivo", "Jia", "Kofi", "Lucía", "Mateo", "Nadia", "Olu", "Pia", "Quentin", "Rosa", "Sven", "Tariq", "Uma", "Viktor", "Wen", "Yara", "Zoltan", "Amara", "Bruno", "Carmen", "Diego", "Esra"];
const LAST = ["Silva", "Meyer", "Kowalski", "Nguyen", "Haddad", "Jensen", "Costa", "Schmidt", "Ibrahim", "Moreau", "Rossi", "Tanaka", "Byrne", "Lind", "Oyelaran", "Petrov", "Almeida", "Fischer", "Khan", "Novak", "Ortiz", "Weber", "Yilmaz", "Zhang", "Dubois", "Santos", "Kaur", "Berg", "Larsen", "Mendes"];
const DEPARTMENTS = ["Engineering", "Customer Support", "Sales", "Finance", "People", "Design", "Operations", "Legal", "Marketing", "Data Science"];
const LOCATIONS = ["Berlin", "Lisbon", "London", "Warsaw", "Dublin", "Remote"];

/** A small deterministic random generator, so every demo run tells the same story. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYSTROKE_BACKGROUND = `In September, a program called **Flow Insights** was switched on for everyone with a company laptop.
It records every click and keystroke, the names of the windows we work in, and periodic screenshots.
The stated purpose is to train AI models that "learn how work gets done".

Nobody asked us. The announcement was a paragraph in a product newsletter.

Then colleagues found that the collected data, keystrokes included, could be opened by **anyone
with an internal account**, through a dashboard that was meant for the model team. That means
passwords typed into the wrong field, private messages to doctors, and notes about colleagues.

## What we ask
1. Stop collecting keystrokes and screen content until employees have been consulted.
2. Delete what was collected without consent.
3. Publish who can access monitoring data, and log every access.

We are not against better tools. We are against being recorded without being asked.`;

type SeedUser = Actor;

export type DemoSummary = { users: number; petitions: number; signatures: number; mainPetitionSlug: string };

export async function seedDemo(db: Db, opts: { now?: Date; employees?: number } = {}): Promise<DemoSummary> {
  const now = opts.now ?? new Date();
  const rand = random(20261122);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;

  await writeSettings(db, { coSponsorsNeeded: 2, responseThreshold: 500, responseDueDays: 14 });

  // People: the personas, then enough colleagues to sign.
  for (const p of PERSONAS) {
    await db.user.upsert({
      where: { email: p.email },
      create: { email: p.email, name: p.name, role: p.role, department: p.department, location: p.location, createdAt: new Date(now.getTime() - 120 * DAY) },
      update: {},
    });
  }
  const employeeCount = opts.employees ?? 2000;
  const colleagues = Array.from({ length: employeeCount }, (_, i) => {
    const first = pick(FIRST);
    const last = pick(LAST);
    return {
      email: `${first.toLowerCase().normalize("NFKD").replace(/[^a-z]/g, "")}.${last.toLowerCase()}.${i + 1}@example.com`,
      name: `${first} ${last}`,
      department: pick(DEPARTMENTS),
      location: pick(LOCATIONS),
      role: "employee",
      createdAt: new Date(now.getTime() - 120 * DAY),
    };
  });
  await db.user.createMany({ data: colleagues });
  const users = (await db.user.findMany({ orderBy: { email: "asc" } })).map((u) => ({ ...u, role: toRole(u.role) }) as SeedUser);
  const persona = (email: string) => users.find((u) => u.email === email)!;
  const maya = persona("maya.okafor@example.com");
  const lena = persona("lena.novak@example.com");
  await seedPrograms(db, lena, now);
  const crowd = users.filter((u) => !PERSONAS.some((p) => p.email === u.email));
  let signatures = 0;
  const wallets: DemoWallets = new Map();

  /** Creates, submits and co-sponsors a petition at a moment in the past. */
  const openAt = async (organizer: SeedUser, input: Record<string, unknown>, at: Date, coSponsors: SeedUser[]) => {
    const petition = await createPetition(db, organizer, input, { now: new Date(at.getTime() - 2 * DAY) });
    await submitForCoSponsors(db, organizer, petition.id, { now: new Date(at.getTime() - DAY) });
    for (const [i, c] of coSponsors.entries()) {
      await signPetition(db, c, petition.id, { visibility: "named", invite: petition.coSponsorToken }, { now: new Date(at.getTime() - (coSponsors.length - i - 1) * HOUR) });
      signatures++;
    }
    return petition;
  };

  /** Signs with `count` colleagues, spread between two moments with a chosen shape. */
  const signMany = async (petitionId: string, people: SeedUser[], from: Date, to: Date, shape: (x: number) => number, also?: (signer: ReturnType<typeof demoSigner>) => Promise<void>) => {
    // Shuffle, so the order of signing has nothing to do with the order of the names.
    const signers = [...people];
    for (let i = signers.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [signers[i], signers[j]] = [signers[j]!, signers[i]!];
    }
    const times = signers.map(() => from.getTime() + shape(rand()) * (to.getTime() - from.getTime())).sort((a, b) => a - b);
    const signer = demoSigner(db, wallets);
    for (const [i, person] of signers.entries()) {
      if (await signer.sign(person, petitionId, rand() < 0.42 ? "named" : "anonymous", new Date(times[i]!))) signatures++;
    }
    // Browsers collect a token for every open petition they are shown, signing or not: a third
    // as many colleagues again visited and did not sign, so the token holders are a crowd.
    const signing = new Set(people.map((p) => p.id));
    const visitors = crowd.filter((u) => !signing.has(u.id) && rand() < (people.length * 0.3) / crowd.length);
    // A visitor may sign in a later wave: their browser keeps the token of this visit.
    for (const v of visitors) await visitKeeping(db, wallets, v, petitionId, new Date(from.getTime() + rand() * (to.getTime() - from.getTime())));
    await also?.(signer);
    await signer.flush();
  };

  // 1. The story: a petition against keystroke capture, about 1,900 signatures over four weeks.
  const mainOpened = new Date(now.getTime() - 24 * DAY);
  const main = await openAt(
    maya,
    {
      title: "Stop recording our keystrokes to train AI models",
      ask: "Pause Flow Insights' keystroke and screen capture until employees are consulted and the data is locked down.",
      background: KEYSTROKE_BACKGROUND,
      addressedTo: "The executive team and the CTO",
      goal: 2500,
      closesOn: new Date(now.getTime() + 36 * DAY).toISOString().slice(0, 10),
    },
    mainOpened,
    [crowd[0]!, crowd[1]!],
  );
  const flow = await db.program.findUniqueOrThrow({ where: { slug: "flow-insights" } });
  await db.petition.update({ where: { id: main.id }, data: { programId: flow.id } });
  // Most signatures arrive in the first days, a second wave when the data leak became known,
  // and a steady trickle since, including the last 24 hours.
  const mainSigners = crowd.slice(2, 2 + 1898);
  const firstWave = mainSigners.slice(0, 900);
  const secondWave = mainSigners.slice(900, 1500);
  const trickle = mainSigners.slice(1500);
  await signMany(main.id, firstWave, mainOpened, new Date(mainOpened.getTime() + 6 * DAY), (x) => x * x);
  await signMany(main.id, secondWave, new Date(now.getTime() - 14 * DAY), new Date(now.getTime() - 8 * DAY), (x) => Math.sqrt(x));
  await signMany(main.id, trickle, new Date(now.getTime() - 8 * DAY), new Date(now.getTime() - HOUR), (x) => x);

  // 2. Open, past its threshold, and leadership's answer is overdue.
  const accessOpened = new Date(now.getTime() - 40 * DAY);
  const access = await openAt(
    crowd[1900]!,
    {
      title: "Publish who can read monitoring data, and log every access",
      ask: "Publish the list of roles that can read any monitoring data and give every employee a log of who read theirs.",
      background: "Whatever we decide about monitoring, the people being monitored should know **who can see the results**.\n\nToday nobody can tell us. We ask for a published access list and a personal access log.",
      addressedTo: "The Chief Information Security Officer",
      goal: 800,
      closesOn: new Date(now.getTime() + 20 * DAY).toISOString().slice(0, 10),
    },
    accessOpened,
    [crowd[1901]!, crowd[1902]!],
  );
  await db.petition.update({ where: { id: access.id }, data: { programId: flow.id } });
  // Tomás signs anonymously: counted, never listed, in the same batch as colleagues. The
  // anonymity tests look for his name and email in every answer the app gives, to everyone.
  await signMany(access.id, crowd.slice(1100, 1100 + 560), accessOpened, new Date(now.getTime() - 20 * DAY), (x) => x, async (signer) => {
    if (await signer.sign(persona("tomas.ferreira@example.com"), access.id, "anonymous", new Date(now.getTime() - 20 * DAY))) signatures++;
  });

  // 3. Open and young: no threshold yet.
  const quietOpened = new Date(now.getTime() - 5 * DAY);
  const quiet = await openAt(
    persona("jonas.berg@example.com"),
    {
      title: "Quiet hours: no meeting invitations after six in the evening",
      ask: "Make calendar invitations sent outside 08:00 to 18:00 local time wait until the next working morning.",
      background: "Teams across five time zones keep getting invitations at night. A simple rule in the calendar system would fix most of it.",
      addressedTo: "The People team",
      goal: 300,
      closesOn: new Date(now.getTime() + 40 * DAY).toISOString().slice(0, 10),
    },
    quietOpened,
    [crowd[1904]!, crowd[1905]!],
  );
  await signMany(quiet.id, crowd.slice(300, 300 + 118), quietOpened, new Date(now.getTime() - 2 * HOUR), (x) => x);

  // 4. Closed by its organizers after three weeks.
  const libraryOpened = new Date(now.getTime() - 50 * DAY);
  const library = await openAt(
    crowd[1906]!,
    {
      title: "Keep the Lisbon office library open during the refurbishment",
      ask: "Keep the third-floor library open as a quiet room while the Lisbon office is refurbished.",
      background: "The library is the only quiet space in the building. The refurbishment plan turns it into storage for six months.",
      addressedTo: "Workplace Services",
      goal: 200,
      closesOn: new Date(now.getTime() + 10 * DAY).toISOString().slice(0, 10),
    },
    libraryOpened,
    [crowd[1907]!, crowd[1908]!],
  );
  await signMany(library.id, crowd.slice(500, 500 + 226), libraryOpened, new Date(now.getTime() - 30 * DAY), (x) => x);
  await closePetition(db, crowd[1906]!, library.id, { now: new Date(now.getTime() - 29 * DAY) });

  // 5. Gathering co-sponsors: Maya shares the link; one colleague has co-sponsored.
  const screenshots = await createPetition(
    db,
    maya,
    {
      title: "No screenshots of our screens during video calls",
      ask: "Exclude video calls and anything shown in them from any screen capture program.",
      background: "Video calls show colleagues' faces, homes and health conversations. None of that belongs in a training set.",
      addressedTo: "The executive team",
      goal: 1000,
    },
    { now: new Date(now.getTime() - 2 * DAY) },
  );
  await submitForCoSponsors(db, maya, screenshots.id, { now: new Date(now.getTime() - DAY) });
  await signPetition(db, crowd[1909]!, screenshots.id, { visibility: "named", invite: screenshots.coSponsorToken }, { now: new Date(now.getTime() - 20 * HOUR) });
  signatures++;

  // 6. A private draft of Maya's.
  await createPetition(
    db,
    maya,
    {
      title: "Tell us before any new monitoring program starts",
      ask: "Announce every new monitoring program to the people it affects at least thirty days before it starts.",
      background: "Draft: collect examples of programs that started without notice before submitting.",
      addressedTo: "The executive team",
      goal: 1500,
    },
    { now: new Date(now.getTime() - 3 * HOUR) },
  );

  // Leadership's two answers from the story, on the record, with their commitments.
  const priya = persona("priya.raman@example.com");
  const day = (offset: number) => new Date(now.getTime() + offset * DAY).toISOString().slice(0, 10);
  const first = await postResponse(
    db,
    priya,
    {
      target: { petitionId: main.id },
      body: "Thank you for raising this so clearly.\n\nStarting this week, **anyone can pause Flow Insights for up to thirty minutes at a time** from the tray icon, with no questions asked. We are also reviewing who can open the collected data.",
      commitments: [
        { text: "Put a pause control on every company laptop", ownerRole: "CTO", dueOn: day(-8) },
        { text: "Publish the list of everyone who can access Flow Insights data", ownerRole: "CISO", dueOn: day(6) },
      ],
    },
    { now: new Date(now.getTime() - 12 * DAY) },
  );
  const pauseControl = await db.commitment.findFirstOrThrow({ where: { responseId: first.id, ownerRole: "CTO" } });
  await markCommitmentKept(db, priya, pauseControl.id, { note: "The pause control shipped to all laptops in the 3.4 update." }, { now: new Date(now.getTime() - 9 * DAY) });
  await postOrganizerUpdate(
    db,
    maya,
    main.id,
    { body: "Leadership answered: a thirty-minute pause is not what we asked for. We keep collecting signatures until collection stops and the data is locked down." },
    { now: new Date(now.getTime() - 10 * DAY) },
  );
  await postResponse(
    db,
    priya,
    {
      target: { programSlug: "flow-insights" },
      body: "We have **paused Flow Insights** on every laptop. Nothing is being collected while an independent team investigates who accessed the data collected so far. We will report what the investigation finds to everyone.",
      setStatus: "paused",
      statusReason: "Paused by leadership while access to the collected data is investigated.",
      commitments: [{ text: "Report the findings of the access investigation to all employees", ownerRole: "CTO", dueOn: day(9) }],
    },
    { now: new Date(now.getTime() - 5 * DAY) },
  );
  await seedFlowPausedPolicy(db, lena, now);
  // An older answer on another program whose promise lapsed: it shows as missed.
  await postResponse(
    db,
    priya,
    {
      target: { programSlug: "badge-entry-analytics" },
      body: "Badge data is used only for occupancy planning. We will publish the monthly counts per floor so everyone can see what is measured.",
      commitments: [{ text: "Publish monthly occupancy counts per floor", ownerRole: "Head of Workplace Services", dueOn: day(-10) }],
    },
    { now: new Date(now.getTime() - 40 * DAY) },
  );
  await markMissedCommitments(db, { now });

  // Anonymous discussion: forty colleagues (not personas) collect their tokens every week, as
  // their browsers would; a few of them write, through the batch.
  await seedDiscussions(
    db,
    crowd.slice(1930, 1970),
    [
      { thread: { programSlug: "flow-insights" }, comments: FLOW_COMMENTS },
      { thread: { petitionId: main.id }, comments: PETITION_COMMENTS },
    ],
    now,
  );

  return { users: users.length, petitions: 6, signatures, mainPetitionSlug: main.slug };
}
