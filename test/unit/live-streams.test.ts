// The live streams' fan-out (lib/live/sse.ts) against a real HTTP server and real clients: each
// viewer gets its petition's counts (or everything), events go by their subject, idle streams get
// keep-alives, and the hub is listened to only while someone watches.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { Listener, LiveMessage } from "@/lib/live/live";
import { createStreamHub, type StreamHub } from "@/lib/live/sse";

function fakeHub() {
  const listeners = new Set<Listener>();
  return {
    subscribe: (l: Listener) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    emit: (m: LiveMessage) => listeners.forEach((l) => l(m)),
    listening: () => listeners.size,
  };
}

type Viewer = { text: () => string; close: () => void };

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));

async function serve(streams: StreamHub) {
  const server = http.createServer((req, res) => streams.open(req, res, new URL(req.url!, "http://x").searchParams.get("petition")));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  cleanup.push(() => {
    streams.close();
    server.close();
  });
  const port = (server.address() as AddressInfo).port;
  return (query: string, headers: Record<string, string> = {}) =>
    new Promise<Viewer>((resolve) => {
      let text = "";
      const req = http.get(`http://127.0.0.1:${port}/${query}`, { agent: false, headers }, (res) => {
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
          if (text.includes(": connected")) resolve({ text: () => text, close: () => req.destroy() });
        });
      });
      req.on("error", () => {});
    });
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe("live streams", () => {
  it("sends each viewer its petition's counts, events by subject, and everything to the all-viewer", async () => {
    const hub = fakeHub();
    const streams = createStreamHub(hub.subscribe);
    const open = await serve(streams);
    const [a, b, all] = await Promise.all([open("?petition=A"), open("?petition=B"), open("")]);
    expect(a.text()).toMatch(/^retry: 3000\n/);
    expect(streams.viewers()).toBe(3);

    hub.emit({ type: "count", petitionId: "A", signatureCount: 7 });
    hub.emit({ type: "event", event: { id: "e1", kind: "response_posted", label: "Response", summary: "s", at: "2026-12-01T00:00:00Z", href: null, subject: { type: "petition", id: "B", title: "t" } } });
    await until(() => all.text().includes('"e1"') && all.text().includes('"signatureCount":7'));
    await until(() => a.text().includes("event: count") && b.text().includes("event: event"));
    expect(a.text()).toContain('data: {"id":"A","signatureCount":7}');
    expect(a.text()).not.toContain("event: event");
    expect(b.text()).not.toContain("event: count");
  });

  it("sends each viewer an event's summary in its own language, the remembered choice first", async () => {
    const hub = fakeHub();
    const streams = createStreamHub(hub.subscribe);
    const open = await serve(streams);
    const [english, german, chosen] = await Promise.all([
      open("", { "accept-language": "en-GB" }),
      open("", { "accept-language": "de-DE,de;q=0.9" }),
      open("", { "accept-language": "de-DE", cookie: "lang=en" }),
    ]);
    const summaries = { en: "Petition opened: Quiet rooms", de: "Petition eröffnet: Quiet rooms" };
    hub.emit({ type: "event", event: { id: "e2", kind: "petition_opened", label: "Petition opened", summary: summaries.en, summaries, at: "2026-12-01T00:00:00Z", href: null, subject: null } });
    await until(() => [english, german, chosen].every((v) => v.text().includes('"e2"')));
    const sent = (v: { text(): string }) => JSON.parse(v.text().split("event: event\ndata: ")[1]!.split("\n")[0]!) as Record<string, unknown>;
    expect(sent(english).summary).toBe(summaries.en);
    expect(sent(german).summary).toBe(summaries.de);
    expect(sent(chosen).summary).toBe(summaries.en);
    // What the stream sends keeps the API's shape: one summary, no list of them.
    expect(Object.keys(sent(german)).sort()).toEqual(["at", "href", "id", "kind", "label", "subject", "summary"]);
  });

  it("listens to the hub only while someone watches, and forgets viewers who hang up", async () => {
    const hub = fakeHub();
    const streams = createStreamHub(hub.subscribe);
    const open = await serve(streams);
    expect(hub.listening()).toBe(0);
    const [one, two] = await Promise.all([open("?petition=A"), open("?petition=A")]);
    expect(hub.listening()).toBe(1);
    one.close();
    await until(() => streams.viewers() === 1);
    two.close();
    await until(() => streams.viewers() === 0);
    expect(hub.listening()).toBe(0);
  });

  it("keeps idle streams alive with a comment line", async () => {
    const hub = fakeHub();
    const streams = createStreamHub(hub.subscribe, { keepAliveMs: 20 });
    const open = await serve(streams);
    const viewer = await open("?petition=A");
    await until(() => viewer.text().includes(": keep-alive\n\n"));
  });
});
