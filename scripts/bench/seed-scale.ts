// Seeds a benchmark database straight through better-sqlite3: people, petitions with their
// organizers, and signatures, with counts that match the rows. The same generator makes the small
// database and the data-scale one (100,000 petitions, 2,000,000 signatures), so the two differ
// only in size. Going around the domain layer is deliberate: 2 million signatures through it
// would take longer than the benchmark itself, and the reads under test do not care how rows
// were written.
import Database from "better-sqlite3";
import { searchTextOf } from "@/lib/petitions/commands";

export type ScaleSpec = { petitions: number; signatures: number; users: number };

export const SMALL: ScaleSpec = { petitions: 100, signatures: 2_000, users: 2_000 };
export const LARGE: ScaleSpec = { petitions: 100_000, signatures: 2_000_000, users: 100_000 };
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

const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

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

/** People bu{from}…bu{from+n-1}, spread over departments and locations for the breakdowns. */
function insertPeople(db: Database.Database, from: number, n: number, now: number, random: () => number) {
  const insert = db.prepare("INSERT INTO User (id, email, name, department, location, role, createdAt) VALUES (?, ?, ?, ?, ?, 'employee', ?)");
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  db.transaction(() => {
    for (let u = from; u < from + n; u++) {
      insert.run(`bu${u}`, `bench.user${u}@example.com`, `Bench User ${u}`, pick(DEPARTMENTS), pick(LOCATIONS), iso(now - 400 * DAY));
    }
  })();
}

/** Adds people who have signed nothing yet: the signers of the load scenarios. */
export function addSigners(file: string, from: number, n: number) {
  const db = new Database(file);
  db.pragma("synchronous = OFF");
  insertPeople(db, from, n, Date.now(), mulberry32(from));
  db.pragma("synchronous = FULL");
  db.close();
}

export type SeededScale = { hotPetition: { id: string; slug: string }; petitions: number; signatures: number; users: number; seconds: number };

export function seedScale(file: string, spec: ScaleSpec, now = Date.now()): SeededScale {
  const started = performance.now();
  const random = mulberry32(42);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  // Bulk loading: durability does not matter until the load is done, and a crash here is a rerun.
  db.pragma("synchronous = OFF");
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

  insertPeople(db, 0, spec.users, now, random);

  const counts = signatureCounts(spec, random);
  const insertPetition = db.prepare(`INSERT INTO Petition (id, slug, title, ask, background, addressedTo, goal, responseThreshold, searchText, state,
      coSponsorToken, signatureCount, closesAt, openedAt, thresholdReachedAt, responseDueAt, closedAt, createdAt, updatedAt)
    VALUES (@id, @slug, @title, @ask, @background, @addressedTo, 1000, 500, @searchText, @state, @token, @count, @closesAt, @openedAt,
      @thresholdAt, @dueAt, @closedAt, @createdAt, @createdAt)`);
  const insertOrganizer = db.prepare("INSERT INTO PetitionOrganizer (petitionId, userId, role, createdAt) VALUES (?, ?, 'owner', ?)");
  const insertSignature = db.prepare("INSERT INTO Signature (id, petitionId, userId, visibility, coSponsor, createdAt) VALUES (?, ?, ?, ?, 0, ?)");

  let signatureId = 0;
  const BATCH = 2_000;
  for (let from = 0; from < spec.petitions; from += BATCH) {
    db.transaction(() => {
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
        insertPetition.run({
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
          closesAt: iso(closesAt),
          openedAt: iso(openedAt),
          thresholdAt: thresholdAt ? iso(thresholdAt) : null,
          dueAt: thresholdAt ? iso(thresholdAt + 14 * DAY) : null,
          closedAt: open ? null : iso(closesAt),
          createdAt: iso(createdAt),
        });
        insertOrganizer.run(`bp${i}`, `bu${i % spec.users}`, iso(createdAt));
        // Distinct signers per petition: a run of consecutive people from a rotating start.
        const start = Math.floor(random() * spec.users);
        const span = Math.max(1, Math.min(now, closesAt) - openedAt);
        for (let j = 0; j < n; j++) {
          insertSignature.run(`bs${signatureId++}`, `bp${i}`, `bu${(start + j) % spec.users}`, j % 4 === 0 ? "anonymous" : "named", iso(openedAt + Math.floor((span * j) / n)));
        }
      }
    })();
  }
  db.pragma("synchronous = FULL");
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return {
    hotPetition: { id: "bp0", slug: "bench-petition-0" },
    petitions: spec.petitions,
    signatures: signatureId,
    users: spec.users,
    seconds: (performance.now() - started) / 1000,
  };
}
