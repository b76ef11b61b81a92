// Seeds a benchmark database straight through better-sqlite3: people, petitions with their
// organizers, and signatures, with counts that match the rows. The same generator makes the small
// database and the data-scale one (100,000 petitions, 2,000,000 signatures), so the two differ
// only in size. Going around the domain layer is deliberate: 2 million signatures through it
// would take longer than the benchmark itself, and the reads under test do not care how rows
// were written.
import { randomBytes, randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { searchTextOf } from "@/lib/petitions/commands";

export type ScaleSpec = { petitions: number; signatures: number; users: number };

export const SMALL: ScaleSpec = { petitions: 100, signatures: 2_000, users: 2_000 };
export const LARGE: ScaleSpec = { petitions: 100_000, signatures: 2_000_000, users: 1_000_000 };
export const LARGE_QUICK: ScaleSpec = { petitions: 10_000, signatures: 200_000, users: 10_000 };

/** The word every probe searches for; it appears in about one petition title in fifteen. */
export const SEARCH_TERM = "keystroke";

const WORDS = [
  "keystroke", "screen", "capture", "badge", "location", "email", "scanning", "camera", "audio", "productivity",
  "scores", "idle", "timers", "webcam", "browser", "history", "retention", "access", "logs", "consent",
  "opt-out", "sentiment", "analysis", "chat", "monitoring", "vendor", "contract", "data", "sharing", "review",
  "biometric", "clock-in", "GPS", "tracking", "phone", "calls", "recording", "meetings", "transcripts", "AI",
  "training", "models", "dashboards", "managers", "ranking", "quotas", "heatmaps", "desk", "sensors", "Wi-Fi",
  "pause", "publish", "limit", "delete", "audit", "explain", "disclose", "stop", "restrict", "end",
];
const DEPARTMENTS = ["Engineering", "Support", "Sales", "Operations", "Finance", "People", "Legal", "Design"];
const LOCATIONS = ["Lisbon", "Berlin", "Toronto", "Manila", "Austin", "Nairobi"];
const DAY = 86_400_000;

/** A small deterministic generator, so two runs seed the same data. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Signatures per petition: the first is the hot one with 5% of all; the rest share the remainder unevenly. */
export function signatureCounts(spec: ScaleSpec, random: () => number): number[] {
  const hot = Math.min(spec.users, Math.round(spec.signatures * 0.05));
  const rest = spec.signatures - hot;
  const counts = [hot];
  const mean = rest / Math.max(1, spec.petitions - 1);
  let left = rest;
  for (let i = 1; i < spec.petitions; i++) {
    const n = i === spec.petitions - 1 ? left : Math.min(left, spec.users, Math.round(mean * 2 * random()));
    counts.push(n);
    left -= n;
  }
  return counts;
}

type UserRow = { id: string; email: string; name: string; department: string; location: string; createdAt: Date };
type PetitionRow = {
  id: string; slug: string; title: string; ask: string; background: string; addressedTo: string; searchText: string; state: string;
  token: string; count: number; closesAt: Date; openedAt: Date; thresholdAt: Date | null; dueAt: Date | null; closedAt: Date | null; createdAt: Date;
};
type OrganizerRow = { petitionId: string; userId: string; createdAt: Date };
type SignatureRow = { id: string; petitionId: string; userId: string; createdAt: Date };
/** Whoever holds a petition's signing token (decision 018): every signer, named or anonymous. */
type IssuanceRow = { petitionId: string; userId: string };
/** An anonymous signature as a batch writes it: a random id, the spent token's hash, the day only, no person. */
type AnonSignatureRow = { id: string; petitionId: string; nonceHash: string; day: string };
export type SeedRows = { users: UserRow[]; petitions: PetitionRow[]; organizers: OrganizerRow[]; signatures: SignatureRow[]; issuances: IssuanceRow[]; anonSignatures: AnonSignatureRow[] };

/** Where generated rows go: one batch at a time, each batch in one transaction. */
export interface SeedSink {
  write(rows: SeedRows): Promise<void>;
  close(): Promise<void>;
}

const empty = (): SeedRows => ({ users: [], petitions: [], organizers: [], signatures: [], issuances: [], anonSignatures: [] });

/** better-sqlite3 straight into the file, with durability off until the load is done. */
export function sqliteSink(file: string): SeedSink {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  // Bulk loading: a crash here is a rerun, so fsync waits until the end.
  db.pragma("synchronous = OFF");
  const iso = (d: Date | null) => (d ? d.toISOString().replace("Z", "+00:00") : null);
  const user = db.prepare("INSERT INTO User (id, email, name, department, location, role, createdAt) VALUES (?, ?, ?, ?, ?, 'employee', ?)");
  const petition = db.prepare(`INSERT INTO Petition (id, slug, title, ask, background, addressedTo, goal, responseThreshold, searchText, state,
      coSponsorToken, signatureCount, closesAt, openedAt, thresholdReachedAt, responseDueAt, closedAt, createdAt, updatedAt)
    VALUES (?, ?, ?, ?, ?, ?, 1000, 500, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const organizer = db.prepare("INSERT INTO PetitionOrganizer (petitionId, userId, role, createdAt) VALUES (?, ?, 'owner', ?)");
  const signature = db.prepare("INSERT INTO Signature (id, petitionId, userId, visibility, coSponsor, createdAt) VALUES (?, ?, ?, 'named', 0, ?)");
  const issuance = db.prepare("INSERT INTO SignTokenIssuance (petitionId, userId) VALUES (?, ?)");
  const anonSignature = db.prepare("INSERT INTO AnonSignature (id, petitionId, nonceHash, day) VALUES (?, ?, ?, ?)");
  const write = db.transaction((rows: SeedRows) => {
    for (const u of rows.users) user.run(u.id, u.email, u.name, u.department, u.location, iso(u.createdAt));
    for (const p of rows.petitions) {
      petition.run(p.id, p.slug, p.title, p.ask, p.background, p.addressedTo, p.searchText, p.state, p.token, p.count, iso(p.closesAt), iso(p.openedAt), iso(p.thresholdAt), iso(p.dueAt), iso(p.closedAt), iso(p.createdAt), iso(p.createdAt));
    }
    for (const o of rows.organizers) organizer.run(o.petitionId, o.userId, iso(o.createdAt));
    for (const x of rows.signatures) signature.run(x.id, x.petitionId, x.userId, iso(x.createdAt));
    for (const x of rows.issuances) issuance.run(x.petitionId, x.userId);
    for (const x of rows.anonSignatures) anonSignature.run(x.id, x.petitionId, x.nonceHash, x.day);
  });
  return {
    write: async (rows) => void write(rows),
    close: async () => {
      db.pragma("synchronous = FULL");
      db.pragma("wal_checkpoint(TRUNCATE)");
      db.close();
    },
  };
}

/** People bu{from}…bu{from+n-1}, spread over departments and locations for the breakdowns. */
async function insertPeople(sink: SeedSink, from: number, n: number, now: number, random: () => number) {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  for (let start = from; start < from + n; start += 5_000) {
    const rows = empty();
    for (let u = start; u < Math.min(from + n, start + 5_000); u++) {
      rows.users.push({ id: `bu${u}`, email: `bench.user${u}@example.com`, name: `Bench User ${u}`, department: pick(DEPARTMENTS), location: pick(LOCATIONS), createdAt: new Date(now - 400 * DAY) });
    }
    await sink.write(rows);
  }
}

/** Adds people who have signed nothing yet: the signers of the load scenarios. */
export async function addSigners(sink: SeedSink, from: number, n: number) {
  try {
    await insertPeople(sink, from, n, Date.now(), mulberry32(from));
  } finally {
    await sink.close();
  }
}

export type SeededScale = { hotPetition: { id: string; slug: string }; petitions: number; signatures: number; users: number; seconds: number };

export async function seedScale(sink: SeedSink, spec: ScaleSpec, now = Date.now()): Promise<SeededScale> {
  const started = performance.now();
  const random = mulberry32(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  let signatureId = 0;
  try {
    await insertPeople(sink, 0, spec.users, now, random);
    const counts = signatureCounts(spec, random);
    const BATCH = 500;
    for (let from = 0; from < spec.petitions; from += BATCH) {
      const rows = empty();
      for (let i = from; i < Math.min(spec.petitions, from + BATCH); i++) {
        const createdAt = now - Math.floor(random() * 180 + 1) * DAY;
        const openedAt = createdAt + DAY;
        // The hot petition and seven in ten of the others are open.
        const open = i === 0 || random() < 0.7;
        const closesAt = open ? now + Math.floor(random() * 60 + 7) * DAY : Math.min(now - DAY, openedAt + 60 * DAY);
        const title = `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)}: petition ${i}`.replace(/^./, (c) => c.toUpperCase());
        const ask = `Please ${pick(WORDS)} the ${pick(WORDS)} ${pick(WORDS)} program.`;
        const addressedTo = "The executive team";
        const n = counts[i]!;
        const thresholdAt = n >= 500 ? Math.min(now, openedAt + DAY) : null;
        rows.petitions.push({
          id: `bp${i}`,
          slug: `bench-petition-${i}`,
          title,
          ask,
          background: `Background for petition ${i}. It asks leadership to act on ${pick(WORDS)} ${pick(WORDS)}.`,
          addressedTo,
          searchText: searchTextOf({ title, ask, addressedTo }),
          state: open ? "open" : "closed",
          token: `bt${i}`,
          count: n,
          closesAt: new Date(closesAt),
          openedAt: new Date(openedAt),
          thresholdAt: thresholdAt ? new Date(thresholdAt) : null,
          dueAt: thresholdAt ? new Date(thresholdAt + 14 * DAY) : null,
          closedAt: open ? null : new Date(closesAt),
          createdAt: new Date(createdAt),
        });
        rows.organizers.push({ petitionId: `bp${i}`, userId: `bu${i % spec.users}`, createdAt: new Date(createdAt) });
        // Distinct signers per petition: a run of consecutive people from a rotating start.
        const start = Math.floor(random() * spec.users);
        const span = Math.max(1, Math.min(now, closesAt) - openedAt);
        // A quarter sign anonymously, as the token flow stores it (decision 018): every signer holds
        // the petition's token; an anonymous signature is written without the person, with the
        // spent token's hash and the day of its batch, in random order (shuffled below).
        const anonymous: AnonSignatureRow[] = [];
        for (let j = 0; j < n; j++) {
          const userId = `bu${(start + j) % spec.users}`;
          const at = new Date(openedAt + Math.floor((span * j) / n));
          rows.issuances.push({ petitionId: `bp${i}`, userId });
          if (j % 4 === 0) anonymous.push({ id: randomUUID(), petitionId: `bp${i}`, nonceHash: randomBytes(32).toString("hex"), day: at.toISOString().slice(0, 10) });
          else rows.signatures.push({ id: `bs${signatureId}`, petitionId: `bp${i}`, userId, createdAt: at });
          signatureId++;
        }
        for (let k = anonymous.length - 1; k > 0; k--) {
          const m = Math.floor(random() * (k + 1));
          [anonymous[k], anonymous[m]] = [anonymous[m]!, anonymous[k]!];
        }
        rows.anonSignatures.push(...anonymous);
        // The hot petition alone can hold 100,000 signatures: write it in its own batches.
        if (rows.issuances.length >= 20_000) {
          await sink.write({
            ...empty(),
            petitions: rows.petitions.splice(0),
            organizers: rows.organizers.splice(0),
            signatures: rows.signatures.splice(0),
            issuances: rows.issuances.splice(0),
            anonSignatures: rows.anonSignatures.splice(0),
          });
        }
      }
      await sink.write(rows);
    }
  } finally {
    await sink.close();
  }
  return {
    hotPetition: { id: "bp0", slug: "bench-petition-0" },
    petitions: spec.petitions,
    signatures: signatureId,
    users: spec.users,
    seconds: (performance.now() - started) / 1000,
  };
}
