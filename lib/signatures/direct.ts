// Signing on SQLite without Prisma, with group commit (docs/decisions/015-hot-paths.md).
// Signatures that arrive in the same turn of the event loop are written in one transaction: one
// fsync for the whole group instead of one each, and every request is answered only after that
// commit, so an acknowledged signature is durable as before. Each signature runs in its own
// savepoint, so one failing cannot undo the others. Only the common case is handled here (an
// open, visible petition whose response threshold this signature does not cross); anything else
// returns "fallback" and goes through the general path in ./index.ts, which also produces every
// error message.
import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import type { Db } from "@/lib/db/client";
import { directSqlAvailable, fromSqliteTime, prepared, toSqliteTime, withSqlite } from "@/lib/db/direct";

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
  resolve: (outcome: DirectSignResult | "fallback") => void;
  reject: (error: unknown) => void;
};

/** The largest group written in one transaction; more waits for the next one. */
const MAX_GROUP = 500;
const groups = new WeakMap<Db, Job[]>();

export function signDirect(db: Db, job: Omit<Job, "resolve" | "reject">): Promise<DirectSignResult | "fallback"> {
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
  const outcomes: (DirectSignResult | "fallback" | { error: unknown })[] = [];
  try {
    const done = await withSqlite(db, (client) =>
      client
        .transaction(() => {
          for (const job of group) {
            try {
              outcomes.push(client.transaction(() => signOne(client, job))());
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

function signOne(client: Database.Database, job: Job): DirectSignResult | "fallback" {
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
  // the general path does it.
  if (p.thresholdReachedAt === null && p.signatureCount + 1 >= p.responseThreshold) return "fallback";

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
