// SQLite transactions start with BEGIN IMMEDIATE (lib/db/client.ts, docs/decisions/014): another
// process signing at the same time makes this one wait for the write lock rather than fail.
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { DB_KIND, testDatabase } from "./db";

const { db, url } = testDatabase();

describe.runIf(DB_KIND === "sqlite")("SQLite transactions", () => {
  it("take the write lock when they begin, so a read inside one never has to be upgraded under another process's writes", async () => {
    const other = new Database(url.replace(/^file:/, ""), { timeout: 0 });
    try {
      await db.$transaction(async (tx) => {
        await tx.user.count();
        // Another process cannot start writing while this transaction is open, even before its first write.
        expect(() => other.prepare("BEGIN IMMEDIATE").run()).toThrow(/locked|busy/i);
        await tx.user.create({ data: { email: `lock-${Date.now()}@example.com`, name: "Lock Check" } });
      });
      // Once it commits, the other process can.
      other.prepare("BEGIN IMMEDIATE").run();
      other.prepare("ROLLBACK").run();
    } finally {
      other.close();
    }
  });
});
