// A backup taken while another process keeps signing is consistent: it passes the integrity
// check, its counts reconcile, and restoring it gives back exactly what it held. SQLite only:
// PostgreSQL deployments back up with pg_dump or their provider's tools (README, Deployment).
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { reconcileCounts } from "@/lib/signatures";
import { backup } from "@/scripts/backup";
import { restore } from "@/scripts/restore";
import { DB_KIND, freshDbFile, makeUsers, openPetitionFor, makeUser, testDatabase } from "./db";

const { db, url } = testDatabase();

describe.runIf(DB_KIND === "sqlite")("online backup and restore", () => {
  it("round-trips a backup taken under signing load from another process", async () => {
    const organizer = await makeUser(db);
    const p = await openPetitionFor(db, organizer);
    const people = await makeUsers(db, 200);
    const worker = spawn(process.execPath, ["--import", "tsx", "test/integration/workers/sign-worker.ts", JSON.stringify({ url, petitionId: p.id, sign: people.map((u) => u.id), withdraw: [] })], { stdio: "ignore" });
    const done = new Promise((r) => worker.on("exit", r));
    await new Promise((r) => setTimeout(r, 300));
    const dir = path.resolve("test/.tmp/backups");
    mkdirSync(dir, { recursive: true });
    const target = path.join(dir, `${Date.now()}.db`);
    await backup(url, target);
    await done;

    const copy = createDb(`file:${target}`);
    try {
      expect(await reconcileCounts(copy)).toEqual([]);
      const snapshotCount = (await copy.petition.findUniqueOrThrow({ where: { id: p.id } })).signatureCount;
      expect(snapshotCount).toBeGreaterThanOrEqual(2);
      expect(snapshotCount).toBeLessThanOrEqual(202);

      const restoredFile = freshDbFile();
      await restore(target, `file:${restoredFile}`);
      const restored = createDb(`file:${restoredFile}`);
      try {
        expect((await restored.petition.findUniqueOrThrow({ where: { id: p.id } })).signatureCount).toBe(snapshotCount);
        expect(await restored.signature.count({ where: { petitionId: p.id } })).toBe(snapshotCount);
      } finally {
        await restored.$disconnect();
      }
    } finally {
      await copy.$disconnect();
    }
    // The live database got everything.
    expect(await db.signature.count({ where: { petitionId: p.id } })).toBe(202);
    await expect(restore("test/.tmp/backups/missing.db", `file:${freshDbFile()}`)).rejects.toThrow(/no backup/);
  });
});

describe("backup and restore on PostgreSQL", () => {
  it("refuse a postgresql:// URL and point to PostgreSQL's own tools", async () => {
    await expect(backup("postgresql://localhost/undersigned", "test/.tmp/backups/never.db")).rejects.toThrow(/pg_dump/);
    await expect(restore("test/.tmp/backups/never.db", "postgresql://localhost/undersigned")).rejects.toThrow(/pg_restore/);
  });
});
