// Runs a piece of work in at most one place at a time (docs/decisions/014). Within a process a
// run that is still going makes the next one skip. With PostgreSQL the run also takes a
// session-level advisory lock with pg_try_advisory_lock, so among all the servers on one database
// only one does the work at a time; the others skip that round. The lock lives on one pooled
// connection for the length of the run and goes with it: a server that dies mid-run frees it.
import { createHash } from "node:crypto";
import { dbInfo, type Db } from "@/lib/db/client";

export type Exclusive = (name: string, work: () => Promise<void>) => Promise<boolean>;

/** The advisory lock key for a name: 64 bits of its SHA-256, as PostgreSQL's signed bigint. */
export function advisoryKey(name: string): string {
  return createHash("sha256").update(`undersigned:${name}`).digest().readBigInt64BE(0).toString();
}

export function createExclusive(db: Db): Exclusive {
  const info = dbInfo(db);
  const running = new Set<string>();
  return async (name, work) => {
    if (running.has(name)) return false;
    running.add(name);
    try {
      if (info.kind === "sqlite") {
        await work();
        return true;
      }
      const key = advisoryKey(name);
      const connection = await info.pool.connect();
      let broken = false;
      // A connection that dies while checked out reports it here; without a listener the
      // error would end the process. The lock died with it, which is what we want.
      const onError = () => {
        broken = true;
      };
      connection.on("error", onError);
      try {
        const { rows } = await connection.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS locked", [key]);
        if (!rows[0]?.locked) return false;
        try {
          await work();
        } finally {
          try {
            await connection.query("SELECT pg_advisory_unlock($1::bigint)", [key]);
          } catch {
            // The connection is gone, and the lock with it; do not hand the connection back.
            broken = true;
          }
        }
        return true;
      } finally {
        connection.removeListener("error", onError);
        connection.release(broken);
      }
    } finally {
      running.delete(name);
    }
  };
}
