// The SQLite driver adapter runs every query on one connection. Without a gate, a query made
// outside a transaction while another request's interactive transaction is open would run
// inside it: it would read uncommitted rows, and its writes would vanish if that transaction
// rolled back. lib/db/sqlite-adapter.ts holds such queries until the transaction ends. On
// PostgreSQL each query has a pooled connection of its own; the same tests hold there too.
import { describe, expect, it } from "vitest";
import { testDatabase } from "./db";

const { db } = testDatabase();

/**
 * Opens a transaction that writes the setting `key`, stays open across several turns of the
 * event loop (as a real request's transaction does) and then rolls back. Resolves once it is
 * open; `failed` settles with its error after the rollback.
 */
async function openDoomedTransaction(key: string) {
  let inside!: () => void;
  const opened = new Promise<void>((resolve) => (inside = resolve));
  const failed = db
    .$transaction(async (tx) => {
      await tx.setting.create({ data: { key, value: "1" } });
      inside();
      await new Promise((r) => setTimeout(r, 50));
      throw new Error("rolled back on purpose");
    })
    .catch((e: unknown) => e);
  await opened;
  return { failed };
}

describe("one SQLite connection, many requests", () => {
  it("a write made while another transaction is open survives that transaction's rollback", async () => {
    await db.setting.create({ data: { key: "isolation-plain", value: "before" } });
    const { failed } = await openDoomedTransaction("isolation-tx");
    // A single-statement write: Prisma sends it without a transaction of its own.
    const write = db.$executeRaw`UPDATE "Setting" SET "value" = ${"after"} WHERE "key" = ${"isolation-plain"}`;
    expect(await failed).toBeInstanceOf(Error);
    expect(await write).toBe(1);
    expect((await db.setting.findUnique({ where: { key: "isolation-plain" } }))?.value).toBe("after");
    expect(await db.setting.findUnique({ where: { key: "isolation-tx" } })).toBeNull();
  });

  it("a read made while another transaction is open does not see its uncommitted rows", async () => {
    const { failed } = await openDoomedTransaction("isolation-dirty");
    const seen = await db.setting.findUnique({ where: { key: "isolation-dirty" } });
    expect(await failed).toBeInstanceOf(Error);
    expect(seen).toBeNull();
  });
});
