// The guard every Pages Router API route starts with (lib/http/pages-api.ts): 405 with Allow for a
// method the route does not answer, 503 with Retry-After while its service is not started, and
// the service otherwise; and a 500 that logs the error's class, nothing of the request.
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { failUnexpected, requestCookie, serviceFor } from "@/lib/http/pages-api";
import { cookieOfHeader } from "@/lib/http/cookies";
import { msg } from "@/lib/i18n/message";

// Node's response as these functions use it: headers set first, then writeHead and end.
function exchange(method: string, language = "en") {
  const req = { method, headers: { "accept-language": language } } as unknown as IncomingMessage;
  const sent: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} };
  const res = {
    setHeader: (name: string, value: string) => void (sent.headers[name.toLowerCase()] = value),
    writeHead(code: number, headers: Record<string, string>) {
      sent.status = code;
      for (const [name, value] of Object.entries(headers)) sent.headers[name.toLowerCase()] = value;
      return this;
    },
    end: (body: string) => void (sent.body = JSON.parse(body)),
  } as unknown as ServerResponse;
  return { req, res, sent };
}

const route = { methods: ["GET"], head: true, wrongMethod: msg("Errors.api.countReadWithGet") };

describe("serviceFor", () => {
  afterEach(() => vi.restoreAllMocks());

  it("answers 405 with Allow, in the request's language, for a method the route does not answer", () => {
    const service = vi.fn(() => "service");
    const message = (language: string) => {
      const { req, res, sent } = exchange("POST", language);
      expect(serviceFor(req, res, route, service)).toBeNull();
      expect(sent).toMatchObject({ status: 405, headers: { allow: "GET, HEAD", "cache-control": "no-store" }, body: { error: { code: "method_not_allowed" } } });
      return (sent.body as { error: { message: string } }).error.message;
    };
    expect(message("en")).toMatch(/GET/);
    expect(message("de")).not.toBe(message("en"));
    expect(service).not.toHaveBeenCalled();
  });

  it("allows HEAD only where the route says so", () => {
    const head = exchange("HEAD");
    expect(serviceFor(head.req, head.res, route, () => "service")).toBe("service");
    const personal = exchange("HEAD");
    expect(serviceFor(personal.req, personal.res, { methods: ["GET"], wrongMethod: msg("Errors.api.meReadWithGet") }, () => "service")).toBeNull();
    expect(personal.sent).toMatchObject({ status: 405, headers: { allow: "GET" } });
    const writes = exchange("HEAD");
    expect(serviceFor(writes.req, writes.res, { methods: ["POST", "DELETE"], wrongMethod: msg("Errors.api.signatureMethods") }, () => "service")).toBeNull();
    expect(writes.sent).toMatchObject({ status: 405, headers: { allow: "POST, DELETE" } });
  });

  it("answers 503 with Retry-After until the service is started, then hands it over", () => {
    const early = exchange("GET");
    expect(serviceFor(early.req, early.res, route, () => null)).toBeNull();
    expect(early.sent).toMatchObject({ status: 503, headers: { "retry-after": "3" }, body: { error: { code: "starting" } } });
    const later = exchange("GET");
    expect(serviceFor(later.req, later.res, route, () => "service")).toBe("service");
    expect(later.sent.status).toBeUndefined();
  });

  it("logs only the class of an unexpected error", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const { req, res, sent } = exchange("GET");
    failUnexpected(req, res, new TypeError("maya@example.com signed p-123"));
    expect(sent).toMatchObject({ status: 500, body: { error: { code: "internal" } } });
    expect(log.mock.calls).toEqual([["[api] unexpected TypeError"]]);
  });
});

describe("cookies of Node's request", () => {
  it("reads one cookie as the browser sent it", () => {
    const header = 'theme=dark; authjs.session-token=eyJh.bc; lang="de"; note=a%20b; bad=%E0%A4%A';
    expect(cookieOfHeader(header, "authjs.session-token")).toBe("eyJh.bc");
    expect(cookieOfHeader(header, "lang")).toBe("de");
    expect(cookieOfHeader(header, "note")).toBe("a b");
    // A value that does not decode is kept as sent, never an exception.
    expect(cookieOfHeader(header, "bad")).toBe("%E0%A4%A");
    expect(cookieOfHeader(header, "session-token")).toBeUndefined();
    expect(cookieOfHeader("a=1; a=2", "a")).toBe("1");
    expect(cookieOfHeader(undefined, "a")).toBeUndefined();
    expect(cookieOfHeader("flag; a=1", "flag")).toBeUndefined();
    expect(requestCookie({ headers: { cookie: "x=1; lang=en" } } as unknown as IncomingMessage, "lang")).toBe("en");
  });
});
