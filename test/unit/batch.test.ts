import { describe, expect, it } from "vitest";
import { createBatch, QueueFullError, shuffle } from "@/lib/anonymity/batch";

type Item = { key: string };

describe("the anonymous batch writer", () => {
  it("flushes at the multiples of the interval, whatever the moment of enqueueing", () => {
    const batch = createBatch<Item>({ name: "t", intervalMs: () => 300_000, key: (i) => i.key, write: async (items) => items.length });
    const a = batch.enqueue({ key: "a" }, new Date("2026-12-01T10:00:01Z")).publishAt;
    const b = batch.enqueue({ key: "b" }, new Date("2026-12-01T10:04:59Z")).publishAt;
    expect(a.toISOString()).toBe("2026-12-01T10:05:00.000Z");
    expect(b).toEqual(a);
    expect(batch.enqueue({ key: "a" }).queued).toBe("already");
    expect(batch.size()).toBe(2);
  });

  it("writes everything once, in an order that does not follow arrival", async () => {
    const orders: string[][] = [];
    const batch = createBatch<Item>({ name: "t", intervalMs: () => 1000, key: (i) => i.key, write: async (items) => (orders.push(items.map((i) => i.key)), items.length) });
    let sameAsArrival = 0;
    for (let round = 0; round < 20; round++) {
      const keys = Array.from({ length: 8 }, (_, i) => `${round}-${i}`);
      for (const key of keys) batch.enqueue({ key });
      expect(await batch.flush()).toEqual({ written: 8, held: 0 });
      if (orders.at(-1)!.join() === keys.join()) sameAsArrival++;
      expect([...orders.at(-1)!].sort()).toEqual([...keys].sort());
    }
    // One in 40,320 per round by chance.
    expect(sameAsArrival).toBeLessThan(2);
    expect(await batch.flush()).toEqual({ written: 0, held: 0 });
  });

  it("holds the batch while it is not ready, and keeps everything when a write fails", async () => {
    let ready = false;
    let fail = true;
    const batch = createBatch<Item>({
      name: "t",
      intervalMs: () => 1000,
      key: (i) => i.key,
      ready: async () => ready,
      write: async (items) => {
        if (fail) throw new Error("disk full");
        return items.length;
      },
    });
    batch.enqueue({ key: "x" });
    expect(await batch.flush()).toEqual({ written: 0, held: 1 });
    ready = true;
    await expect(batch.flush()).rejects.toThrow("disk full");
    expect(batch.get("x")).toEqual({ key: "x" });
    fail = false;
    expect(await batch.flush()).toEqual({ written: 1, held: 0 });
    expect(batch.size()).toBe(0);
  });

  it("tells `ready` how many wait and since when, and a re-send queued while its batch is written waits with its own moment", async () => {
    const asked: { size: number; oldestAt: string }[] = [];
    let release: () => void = () => undefined;
    let writes = 0;
    const batch = createBatch<Item>({
      name: "t",
      intervalMs: () => 1000,
      key: (i) => i.key,
      ready: async (_now, waiting) => (asked.push({ size: waiting.size, oldestAt: waiting.oldestAt.toISOString() }), true),
      write: async (items) => {
        // The first write takes a while, as a transaction on a busy database does.
        if (writes++ === 0) await new Promise<void>((r) => (release = r));
        return items.length;
      },
    });
    batch.enqueue({ key: "a" }, new Date("2026-12-01T10:00:01Z"));
    batch.enqueue({ key: "b" }, new Date("2026-12-01T10:00:03Z"));
    const first = batch.flush();
    await new Promise((r) => setImmediate(r));
    expect(batch.size()).toBe(0);
    // The browser sends "a" again while its batch is being written.
    expect(batch.enqueue({ key: "a" }, new Date("2026-12-01T10:00:04Z")).queued).toBe("new");
    release();
    expect(await first).toEqual({ written: 2, held: 0 });
    // It is still waiting, with the moment of the re-send, so the hold rule can let it go.
    expect(await batch.flush()).toEqual({ written: 1, held: 0 });
    expect(asked).toEqual([
      { size: 2, oldestAt: "2026-12-01T10:00:01.000Z" },
      { size: 1, oldestAt: "2026-12-01T10:00:04.000Z" },
    ]);
  });

  it("a failed write keeps each item's own moment", async () => {
    const asked: string[] = [];
    let fail = true;
    const batch = createBatch<Item>({
      name: "t",
      intervalMs: () => 1000,
      key: (i) => i.key,
      ready: async (_now, waiting) => (asked.push(waiting.oldestAt.toISOString()), true),
      write: async (items) => {
        if (fail) throw new Error("busy");
        return items.length;
      },
    });
    batch.enqueue({ key: "a" }, new Date("2026-12-01T10:00:01Z"));
    await expect(batch.flush()).rejects.toThrow("busy");
    fail = false;
    expect(await batch.flush()).toEqual({ written: 1, held: 0 });
    expect(asked).toEqual(["2026-12-01T10:00:01.000Z", "2026-12-01T10:00:01.000Z"]);
  });

  it("refuses beyond its capacity", () => {
    const batch = createBatch<Item>({ name: "t", intervalMs: () => 1000, key: (i) => i.key, write: async (items) => items.length, maxQueued: 1 });
    batch.enqueue({ key: "1" });
    expect(() => batch.enqueue({ key: "2" })).toThrow(QueueFullError);
  });

  it("shuffles without losing or copying anything", () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const out = shuffle(items);
    expect([...out].sort((a, b) => a - b)).toEqual(items);
    expect(items[0]).toBe(0);
  });
});
