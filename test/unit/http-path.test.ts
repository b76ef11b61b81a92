import { describe, expect, it } from "vitest";
import { undecodablePath } from "@/lib/http/path";

describe("undecodablePath", () => {
  it.each(["/api/petitions/%zz", "/petitions/%", "/api/programs/%E0%A4%A/comments", "/a%", "/%uD800", "/%ED%A0%80"])("refuses %s", (path) => {
    expect(undecodablePath(path)).toBe(true);
  });
  it.each(["/", "/petitions/stop-recording-1a2b", "/api/petitions/abc/signature", "/search/caf%C3%A9", "/%2e%2e", "/%00"])("accepts %s", (path) => {
    expect(undecodablePath(path)).toBe(false);
  });
});
