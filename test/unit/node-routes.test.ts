// The addresses server.mjs answers before Next.js's router (lib/runtime/node-routes.mjs,
// docs/decisions/037): exactly signing's POST and DELETE and GET /api/me; anything else goes to Next.js, which
// answers it as the Pages Router route and the proxy always have.
import { describe, expect, it } from "vitest";
import { pathParamOf } from "@/lib/personal/me-request";
import { nodeRouteOf, PERSONAL_LISTENER, SIGNATURE_LISTENER } from "@/lib/runtime/node-routes.mjs";

describe("nodeRouteOf", () => {
  it("takes POST and DELETE of a petition's signature, with the id decoded", () => {
    expect(nodeRouteOf("POST", "/api/petitions/cmabc123/signature")).toEqual({ listener: SIGNATURE_LISTENER, param: "cmabc123" });
    expect(nodeRouteOf("DELETE", "/api/petitions/cmabc123/signature")).toEqual({ listener: SIGNATURE_LISTENER, param: "cmabc123" });
    expect(nodeRouteOf("POST", "/api/petitions/cmabc123/signature?x=1")).toMatchObject({ param: "cmabc123" });
    expect(nodeRouteOf("POST", "/api/petitions/a%20b/signature")).toMatchObject({ param: "a b" });
  });

  it("takes GET of /api/me with its query string as sent", () => {
    expect(nodeRouteOf("GET", "/api/me")).toEqual({ listener: PERSONAL_LISTENER, param: "" });
    expect(nodeRouteOf("GET", "/api/me?path=%2Fpetitions%2Fx")).toEqual({ listener: PERSONAL_LISTENER, param: "path=%2Fpetitions%2Fx" });
    for (const method of ["HEAD", "POST", "DELETE", "PUT"]) expect(nodeRouteOf(method, "/api/me")).toBeNull();
    for (const url of ["/api/me/", "/api/meow", "/api/me/x", "/api/me#x", "/api/me?path=/x#y"]) expect(nodeRouteOf("GET", url), url).toBeNull();
    // The parameter as Next.js's req.query gives it to the Pages Router route.
    expect(pathParamOf("")).toBeUndefined();
    expect(pathParamOf("path=%2Fpetitions%2Fx")).toBe("/petitions/x");
    expect(pathParamOf("path=/a&path=/b")).toEqual(["/a", "/b"]);
    expect(pathParamOf("other=1")).toBeUndefined();
  });

  it("leaves everything else to Next.js", () => {
    for (const method of ["GET", "HEAD", "PUT", "PATCH", "OPTIONS", undefined]) expect(nodeRouteOf(method, "/api/petitions/p1/signature")).toBeNull();
    for (const url of [
      "/api/petitions/p1/signature/",
      "/api/petitions/p1/anonymous-signature",
      "/api/petitions//signature",
      "/api/petitions/a/b/signature",
      "/API/petitions/p1/signature",
      "//api/petitions/p1/signature",
      "/api/petitions/p1/signature#x",
      "/api/petitions/%E0%A4%A/signature",
      "/petitions/p1/signature",
      undefined,
    ]) {
      expect(nodeRouteOf("POST", url), String(url)).toBeNull();
    }
  });
});
