// Signing without Prisma, with group commit (docs/decisions/015-hot-paths.md, 032).
// On SQLite, signatures that arrive in the same turn of the event loop are written in one
// transaction: one fsync for the whole group instead of one each. Each signature runs in its own
// savepoint, so one failing cannot undo the others. On PostgreSQL, signatures for one petition
// that arrive while its previous group is being written make up the next group, written by one
// statement that commits by itself (lib/db/direct.ts signGroupPostgres): the petition's row, which
// every signature must update, is locked for that one round trip per group instead of for a whole
// transaction per signature. Either way every request is answered only after its commit, so an
// acknowledged signature is durable as before. Only the common case is handled here (an open,
// visible petition whose response threshold this signature does not cross); anything else
// returns "fallback" and goes through the general path in ./index.ts, which also produces every
// error message.
//
// The signature that takes a petition over its response threshold returns "crossing": it goes the
// general path, which records the moment and the timeline event, and says when it is done
// (crossingSettled). Until then the signatures after it are written here as usual; the
// crossing one's condition (count at or over the threshold, no moment recorded) still holds when
// it commits. Sending them the general way too, one by one, held about 200 of them for up to
// 9 seconds behind each other in the middle of a burst (issue 15, point 4).
import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import type { Db } from "@/lib/db/client";
import { directPostgresAvailable, directSqlAvailable, fromSqliteTime, prepared, signGroupPostgres, toSqliteTime, withSqlite } from "@/lib/db/direct";
import { recordThresholdIfReached } from "./threshold";

export type DirectSignResult = {
  status: "signed" | "already_signed";
  signature: { visibility: "named" | "anonymous"; coSponsor: boolean; createdAt: Date };
  petition: { id: string; state: string; signatureCount: number };
};

type Job = {
  petitionId: string;
  userId: string;
  visibility: "named" | "anonymous";
  follow: boolean;
  now: Date;
  resolve: (outcome: DirectOutcome) => void;
  reject: (error: unknown) => void;
};

/** What the direct path did: signed (or found the signature), or which way the caller goes on. */
export type DirectOutcome = DirectSignResult | "fallback" | "crossing";

/** Petitions whose threshold-crossing signature is on the general path now, per client. */
const crossings = new WeakMap<Db, Set<string>>();

function crossingsOf(db: Db): Set<string> {
  let pending = crossings.get(db);
  if (!pending) crossings.set(db, (pending = new Set()));
  return pending;
}

/** The "crossing" signature's general path has ended, however it ended. */
export function crossingSettled(db: Db, petitionId: string) {
  crossings.get(db)?.delete(petitionId);
}

/** The largest group written in one transaction; more waits for the next one. */
const MAX_GROUP = 500;
const groups = new WeakMap<Db, Job[]>();

export function signDirect(db: Db, job: Omit<Job, "resolve" | "reject">): Promise<DirectOutcome> {
  // Only named signatures are written here; the general path refuses an anonymous one (decision 018).
  if (job.visibility !== "named") return Promise.resolve("fallback");
  if (directPostgresAvailable(db)) return new Promise((resolve, reject) => queuePostgres(db, { ...job, resolve, reject }));
  if (!directSqlAvailable(db)) return Promise.resolve("fallback");
  return new Promise((resolve, reject) => {
    let group = groups.get(db);
    if (!group) {
      const created: Job[] = [];
      groups.set(db, (group = created));
      setImmediate(() => {
        if (groups.get(db) === created) groups.delete(db);
        void run(db, created);
      });
    }
    group.push({ ...job, resolve, reject });
    // A full group stops taking signatures; the next one starts a group of its own.
    if (group.length >= MAX_GROUP) groups.delete(db);
  });
}

async function run(db: Db, group: Job[]) {
  if (group.length === 0) return;
  const outcomes: (DirectOutcome | { error: unknown })[] = [];
  const crossing = crossingsOf(db);
  try {
    const done = await withSqlite(db, (client) =>
      client
        .transaction(() => {
          for (const job of group) {
            try {
              outcomes.push(client.transaction(() => signOne(client, job, crossing))());
            } catch (error) {
              outcomes.push({ error });
            }
          }
        })
        .immediate(),
    );
    if (!done) {
      // Not SQLite after all (or direct SQL was switched off meanwhile): the general path.
      for (const job of group) job.resolve("fallback");
      return;
    }
  } catch (error) {
    // Nothing of the group was written: a crossing it chose is not on its way either.
    outcomes.forEach((outcome, i) => outcome === "crossing" && crossingSettled(db, group[i]!.petitionId));
    for (const job of group) job.reject(error);
    return;
  }
  group.forEach((job, i) => {
    const outcome = outcomes[i]!;
    if (typeof outcome === "object" && "error" in outcome) job.reject(outcome.error);
    else job.resolve(outcome);
  });
}

type PetitionRow = { state: string; hiddenReason: string | null; closesAt: string; signatureCount: number; responseThreshold: number; thresholdReachedAt: string | null };

function signOne(client: Database.Database, job: Job, crossing: Set<string>): DirectOutcome {
  const p = prepared(client, "SELECT state, hiddenReason, closesAt, signatureCount, responseThreshold, thresholdReachedAt FROM Petition WHERE id = ?").get(job.petitionId) as
    | PetitionRow
    | undefined;
  // Only named signatures are written here; the general path refuses an anonymous one (decision 018).
  if (job.visibility !== "named" || !p || p.state !== "open" || p.hiddenReason !== null || fromSqliteTime(p.closesAt)! <= job.now) return "fallback";
  const petition = { id: job.petitionId, state: p.state };

  const existing = prepared(client, "SELECT visibility, coSponsor, createdAt FROM Signature WHERE petitionId = ? AND userId = ?").get(job.petitionId, job.userId) as
    | { visibility: string; coSponsor: number; createdAt: string }
    | undefined;
  if (existing) {
    return {
      status: "already_signed",
      signature: { visibility: existing.visibility === "named" ? "named" : "anonymous", coSponsor: existing.coSponsor === 1, createdAt: fromSqliteTime(existing.createdAt)! },
      petition: { ...petition, signatureCount: p.signatureCount },
    };
  }
  // Whoever holds this petition's token slot (collected a token,
  // or signed by name before) goes the general path, which asks for the token (decision 018).
  if (prepared(client, "SELECT 1 FROM SignTokenIssuance WHERE petitionId = ? AND userId = ?").get(job.petitionId, job.userId)) return "fallback";
  // Crossing the response threshold records a timeline event and notifies followers: rare, so
  // the general path does it, for the first signature to get there; the rest go on here.
  if (p.thresholdReachedAt === null && p.signatureCount + 1 >= p.responseThreshold && !crossing.has(job.petitionId)) {
    crossing.add(job.petitionId);
    return "crossing";
  }

  const at = toSqliteTime(job.now);
  prepared(client, "INSERT INTO Signature (id, petitionId, userId, visibility, coSponsor, createdAt) VALUES (?, ?, ?, ?, 0, ?)").run(randomUUID(), job.petitionId, job.userId, job.visibility, at);
  // The token slot is taken with the (public) named signature, so no token can be collected later.
  prepared(client, "INSERT INTO SignTokenIssuance (petitionId, userId) VALUES (?, ?)").run(job.petitionId, job.userId);
  // updatedAt is what the live hub watches for changed counts (Prisma's @updatedAt does this elsewhere).
  prepared(client, "UPDATE Petition SET signatureCount = signatureCount + 1, updatedAt = ? WHERE id = ?").run(at, job.petitionId);
  // Only a named signature may follow: an anonymous one writes nothing tied to the account but the signature.
  if (job.follow && job.visibility === "named") {
    prepared(client, "INSERT INTO Follow (id, userId, targetType, targetId, createdAt) VALUES (?, ?, 'petition', ?, ?) ON CONFLICT (userId, targetType, targetId) DO NOTHING").run(
      randomUUID(),
      job.userId,
      job.petitionId,
      at,
    );
  }
  return {
    status: "signed",
    signature: { visibility: job.visibility, coSponsor: false, createdAt: job.now },
    petition: { ...petition, signatureCount: p.signatureCount + 1 },
  };
}

type PostgresQueue = { waiting: Job[] };
const postgresQueues = new WeakMap<Db, Map<string, PostgresQueue>>();

/** Joins the petition's next group; the first signature of an idle petition starts the writing. */
function queuePostgres(db: Db, job: Job) {
  let byPetition = postgresQueues.get(db);
  if (!byPetition) postgresQueues.set(db, (byPetition = new Map()));
  const queue = byPetition.get(job.petitionId);
  if (queue) {
    queue.waiting.push(job);
    return;
  }
  const created: PostgresQueue = { waiting: [job] };
  byPetition.set(job.petitionId, created);
  // One turn of the event loop, so a burst that arrives together is one group from the start.
  setImmediate(() => void drainPostgres(db, byPetition, job.petitionId, created));
}

async function drainPostgres(db: Db, byPetition: Map<string, PostgresQueue>, petitionId: string, queue: PostgresQueue) {
  while (queue.waiting.length > 0) await writePostgresGroup(db, petitionId, queue.waiting.splice(0, MAX_GROUP));
  byPetition.delete(petitionId);
}

async function writePostgresGroup(db: Db, petitionId: string, group: Job[]) {
  // The same person twice in one group (two tabs): the first is written, the other goes the
  // general way and finds that signature.
  const first = new Map<string, Job>();
  for (const job of group) if (!first.has(job.userId)) first.set(job.userId, job);
  const people = (jobs: Job[]) => jobs.map((j) => ({ userId: j.userId, at: j.now, follow: j.follow }));
  const crossing = crossingsOf(db);
  let crosser: Job | undefined;
  let written: Awaited<ReturnType<typeof signGroupPostgres>>;
  try {
    const jobs = [...first.values()];
    written = await signGroupPostgres(db, petitionId, people(jobs), crossing.has(petitionId));
    if (written?.wouldCross && !crossing.has(petitionId)) {
      // The group would take the petition to its threshold: its first signature crosses the
      // general way, after the rest are written past it here. Whichever takes the count there
      // records the moment: this group (reachedUnrecorded, below) or the crossing signature.
      crosser = jobs[0]!;
      crossing.add(petitionId);
      written = jobs.length > 1 ? await signGroupPostgres(db, petitionId, people(jobs.slice(1)), true) : { countAfter: 0, signed: [], wouldCross: false, reachedUnrecorded: false };
    }
  } catch {
    // Nothing of the statement was written (an account deleted meanwhile, say); each signature
    // goes the general way, one by one, and gets its own answer or error there.
    written = null;
  }
  if (written?.reachedUnrecorded) {
    // Written past a threshold whose crossing signature has already settled (or committed short
    // of it): nobody else will record the moment, so this group does, at its last signature's time.
    await recordThresholdIfReached(db, petitionId, group.at(-1)!.now);
  }
  const position = new Map((written?.signed ?? []).map((userId, i) => [userId, i]));
  const before = written ? written.countAfter - written.signed.length : 0;
  for (const job of group) {
    if (job === crosser) {
      job.resolve("crossing");
      continue;
    }
    const i = position.get(job.userId);
    if (i === undefined || first.get(job.userId) !== job) {
      job.resolve("fallback");
      continue;
    }
    job.resolve({
      status: "signed",
      signature: { visibility: "named", coSponsor: false, createdAt: job.now },
      // Each answer carries the count as if the group had been written one by one.
      petition: { id: petitionId, state: "open", signatureCount: before + i + 1 },
    });
  }
}
