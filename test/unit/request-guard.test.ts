import { describe, expect, it } from "vitest";
import { BODY_LIMIT, refuseRequest } from "@/lib/http/request-guard";

const ID = "40c0ffee00112233445566778899aabbccddeeff00";
const HOST = "petitions.example:3000";

function multipart(fields: [string, string | Uint8Array][]): { body: Uint8Array<ArrayBuffer>; type: string } {
  const boundary = "----guardtest";
  const parts: Buffer[] = [];
  for (const [name, value] of fields) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`));
    parts.push(typeof value === "string" ? Buffer.from(value) : Buffer.from(value));
    parts.push(Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: new Uint8Array(Buffer.concat(parts)), type: `multipart/form-data; boundary=${boundary}` };
}

function post(path: string, body: BodyInit | null, headers: Record<string, string>) {
  return refuseRequest(new Request(`http://${HOST}${path}`, { method: "POST", body, headers: { host: HOST, ...headers } }), path);
}

/** What a page's script sends for a form with a result (useActionState): [previous state, form]. */
function fetchAction(fields: [string, string][], state = '{"ok":false}', headers: Record<string, string> = {}) {
  const { body, type } = multipart([["0", `[${state},"$K1"]`], ...fields.map(([k, v]) => [`_1_${k}`, v] as [string, string])]);
  return post("/petitions/new", body, { "content-type": type, "next-action": ID, origin: `http://${HOST}`, ...headers });
}

describe("the request guard", () => {
  it("lets a form's action through, with and without the page's script", async () => {
    expect(await fetchAction([["title", "Quiet hours after six"], ["background", "Zürich, 東京 and 🧑‍💻"]])).toBeNull();
    expect(await fetchAction([["title", "x"]], '{"ok":false,"message":"Title is short","fields":"$undefined","values":{"title":"$$5 lunch"}}')).toBeNull();
    const plain = multipart([["0", '["$K1"]'], [`_1_$ACTION_ID_${ID}`, ""], ["_1_email", "maya@example.com"]]);
    expect(await post("/signin", plain.body, { "content-type": plain.type, "next-action": ID, origin: `http://${HOST}` })).toBeNull();
    // Without script: the fields React renders into the form.
    const mpa = multipart([["$ACTION_REF_1", ""], ["$ACTION_1:0", `{"id":"${ID}","bound":"$@1"}`], ["$ACTION_1:1", '[{"ok":false}]'], ["$ACTION_KEY", "k123"], ["title", "Quiet hours"]]);
    expect(await post("/petitions/new", mpa.body, { "content-type": mpa.type, origin: `http://${HOST}` })).toBeNull();
    const mpaPlain = multipart([[`$ACTION_ID_${ID}`, ""], ["email", "maya@example.com"]]);
    expect(await post("/signin", mpaPlain.body, { "content-type": mpaPlain.type })).toBeNull();
  });

  it("takes \"[]\" as text only for an action that uses no arguments (its id says so)", async () => {
    const NO_ARGS = "00" + ID.slice(2); // info byte: no parameter used, no rest parameters
    const send = (id: string, body: BodyInit) => post("/", body, { "content-type": "text/plain;charset=UTF-8", "next-action": id, origin: `http://${HOST}` });
    expect(await send(NO_ARGS, "[]")).toBeNull();
    expect(await send(NO_ARGS, '["x"]')).toMatchObject({ status: 400 });
    expect(await send(NO_ARGS, new Uint8Array([0x5b, 0xff, 0x5d]))).toMatchObject({ status: 400, message: expect.stringMatching(/not UTF-8/) });
    expect(await send(ID, "[]")).toMatchObject({ status: 400 }); // 0x40: uses its first parameter, the form
  });

  it("answers 413 for a body over the limit, by its length or by what arrives", async () => {
    const big = "a".repeat(BODY_LIMIT + 1);
    expect(await fetchAction([["background", big]])).toMatchObject({ status: 413, message: expect.stringMatching(/1 MB.*Shorten/) });
    expect(await post("/api/comments", big, { "content-type": "application/json" })).toMatchObject({ status: 413 });
    expect(await post("/api/comments", "{}", { "content-type": "application/json", "content-length": "99999999999" })).toMatchObject({ status: 413 });
    // A streamed body without a length is counted as it arrives.
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 20; i++) c.enqueue(new Uint8Array(64 * 1024));
        c.close();
      },
    });
    expect(await refuseRequest(new Request(`http://${HOST}/api/comments`, { method: "POST", body: stream, duplex: "half", headers: { "content-type": "application/json" } } as RequestInit), "/api/comments")).toMatchObject({ status: 413 });
  });

  it("answers 400 for bytes that are not UTF-8, in any body, and for form escapes that do not decode", async () => {
    const bad = new Uint8Array([0x7b, 0x22, 0x62, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]);
    expect(await post("/api/comments", bad, { "content-type": "application/json" })).toMatchObject({ status: 400, message: expect.stringMatching(/not UTF-8/) });
    expect(await post("/api/unsubscribe?token=x", bad, { "content-type": "text/plain" })).toMatchObject({ status: 400 });
    expect(await fetchAction([["title", "\ud800"]])).toBeNull(); // a lone surrogate is written as U+FFFD by the encoder: valid bytes, the domain refuses it
    const mp = multipart([["0", '[{"ok":false},"$K1"]'], ["_1_title", new Uint8Array([0x41, 0xed, 0xa0, 0x80])]]);
    expect(await post("/petitions/new", mp.body, { "content-type": mp.type, "next-action": ID })).toMatchObject({ status: 400, message: expect.stringMatching(/not UTF-8/) });
    expect(await post("/api/auth/signin/dev", "email=%FF%FE", { "content-type": "application/x-www-form-urlencoded" })).toMatchObject({ status: 400 });
    expect(await post("/api/auth/signin/dev", "email=maya%40example.com&x=%C3%A9+b", { "content-type": "application/x-www-form-urlencoded" })).toBeNull();
    expect(await post("/api/comments", '{"body":"caf\u00e9 \ud83e\uddd1"}', { "content-type": "application/json" })).toBeNull();
  });

  it("answers 403 for a server action from another origin", async () => {
    for (const headers of [{ origin: "https://evil.example" } as Record<string, string>, { origin: "null" }, { origin: "not a url" }, { "sec-fetch-site": "cross-site" }, { origin: `http://${HOST}`, "x-forwarded-host": "evil.example" }]) {
      expect(await fetchAction([["title", "x"]], undefined, headers), JSON.stringify(headers)).toMatchObject({ status: 403 });
    }
    expect(await fetchAction([["title", "x"]], undefined, { origin: "http://evil.example", "x-forwarded-host": "evil.example" })).toBeNull();
    // A form sent without script from our own page: the browser withholds the origin (no-referrer).
    expect(await fetchAction([["title", "x"]], undefined, { origin: "null", "sec-fetch-site": "same-origin" })).toBeNull();
    expect(await fetchAction([["title", "x"]], undefined, { origin: "null", "sec-fetch-site": "cross-site" })).toMatchObject({ status: 403 });
    expect(await fetchAction([["title", "x"]], undefined, { origin: "null", "sec-fetch-site": "same-site" })).toMatchObject({ status: 403 });
  });

  it("answers 400 for action requests no form of this app sends", async () => {
    const form = (fields: [string, string][]) => multipart(fields);
    const cases: { body: BodyInit; headers: Record<string, string> }[] = [
      { body: '{"title":"x"}', headers: { "content-type": "application/json", "next-action": ID } },
      { body: '[{"ok":false},"x"]', headers: { "content-type": "text/plain;charset=UTF-8", "next-action": ID } },
      { body: "title=x", headers: { "content-type": "application/x-www-form-urlencoded" } },
      { body: form([["0", '["$K1"]']]).body, headers: { "content-type": form([]).type, "next-action": "nope" } },
      { body: form([["0", "[{"]]).body, headers: { "content-type": form([]).type, "next-action": ID } },
      { body: form([["0", '["$Q1","$K1"]']]).body, headers: { "content-type": form([]).type, "next-action": ID } },
      { body: form([["0", '[{"a":"$@2"},"$K1"]']]).body, headers: { "content-type": form([]).type, "next-action": ID } },
      { body: form([["0", '["$K1"]'], ["_2_title", "x"]]).body, headers: { "content-type": form([]).type, "next-action": ID } },
      { body: form([["0", '["$K1"]'], ["1_title", "x"]]).body, headers: { "content-type": form([]).type, "next-action": ID } },
      { body: form([["_1_title", "x"]]).body, headers: { "content-type": form([]).type, "next-action": ID } },
      { body: form([["$ACTION_ID_zzz", ""]]).body, headers: { "content-type": form([]).type } },
      { body: form([["$ACTION_REF_1", ""], ["$ACTION_1:0", "{not json"]]).body, headers: { "content-type": form([]).type } },
      { body: form([["$ACTION_REF_1", ""], ["$ACTION_1:0", `{"id":"${ID}","bound":"$Q9"}`]]).body, headers: { "content-type": form([]).type } },
      { body: form([["$ACTION_REF_1", ""], ["$ACTION_1:0", `{"id":"${ID}","bound":"$@1"}`], ["$ACTION_1:1", '["$Q9"]']]).body, headers: { "content-type": form([]).type } },
      { body: form([["$ACTION_REF_1", ""]]).body, headers: { "content-type": form([]).type } },
      { body: form([["$ACTION_WHATEVER", "1"], [`$ACTION_ID_${ID}`, ""]]).body, headers: { "content-type": form([]).type } },
      { body: form([["title", "no action at all"]]).body, headers: { "content-type": form([]).type } },
      { body: "--x\r\nbroken", headers: { "content-type": "multipart/form-data; boundary=x", "next-action": ID } },
    ];
    for (const c of cases) {
      const refusal = await post("/petitions/new", c.body, c.headers);
      expect(refusal, JSON.stringify(c.headers) + String(c.body).slice(0, 80)).toMatchObject({ status: 400 });
      // A refusal never repeats what was sent.
      expect(refusal!.message).not.toMatch(/title|\$Q|\$ACTION/);
    }
  });

  it("leaves reads alone", async () => {
    expect(await refuseRequest(new Request(`http://${HOST}/petitions`, { headers: { origin: "https://evil.example" } }), "/petitions")).toBeNull();
  });
});

describe("the API body a Pages Router route reads itself (readApiBody, decision 036)", () => {
  // A real server on a real socket: the route gets Node's request, as in production.
  async function send(body: Buffer | string | Buffer[], headers: Record<string, string> = {}) {
    const { createServer } = await import("node:http");
    const { readApiBody, refusalCode } = await import("@/lib/http/request-guard");
    const server = createServer((req, res) => {
      void readApiBody(req).then((read) => {
        res.setHeader("Connection", "close");
        res.end(JSON.stringify("refusal" in read ? { status: read.refusal.status, code: refusalCode(read.refusal) } : { text: read.text }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    try {
      const chunks = Array.isArray(body) ? body : [Buffer.from(body)];
      // Sent chunk by chunk without a length when given chunks: the limit must hold without Content-Length.
      const stream = Array.isArray(body) ? new ReadableStream({ pull(c) { const next = chunks.shift(); if (next) c.enqueue(next); else c.close(); } }) : chunks[0];
      const res = await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body: stream, headers: { "content-type": "application/json", ...headers }, ...(Array.isArray(body) ? { duplex: "half" } : {}) } as RequestInit);
      return (await res.json()) as { status?: number; code?: string; text?: string };
    } finally {
      server.close();
    }
  }

  it("gives the text of a body within the limit", async () => {
    expect(await send('{"visibility":"named","note":"Zürich 東京 🧑‍💻"}')).toEqual({ text: '{"visibility":"named","note":"Zürich 東京 🧑‍💻"}' });
    expect(await send("")).toEqual({ text: "" });
  });

  it("refuses bytes that are not UTF-8, and a form whose escapes are not", async () => {
    expect(await send(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]))).toEqual({ status: 400, code: "invalid_input" });
    expect(await send("a=%ff", { "content-type": "application/x-www-form-urlencoded" })).toEqual({ status: 400, code: "invalid_input" });
  });

  it("refuses a body over the limit, with or without its length, and a length that is not a number", async () => {
    expect(await send("x".repeat(BODY_LIMIT + 1))).toEqual({ status: 413, code: "too_large" });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    expect(await send(Array.from({ length: BODY_LIMIT / chunk.byteLength + 2 }, () => chunk))).toEqual({ status: 413, code: "too_large" });
    expect(await send(Array.from({ length: 3 }, () => chunk))).toEqual({ text: "a".repeat(3 * chunk.byteLength) });
  });
});
