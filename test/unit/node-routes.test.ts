// The addresses server.mjs answers before Next.js's router (lib/runtime/node-routes.mjs,
// docs/decisions/037): exactly signing's POST and DELETE; anything else goes to Next.js, which
// answers it as the Pages Router route and the proxy always have.
import { describe, expect, it } from "vitest";
import { nodeRouteOf, SIGNATURE_LISTENER } from "@/lib/runtime/node-routes.mjs";

describe("nodeRouteOf", () => {
  it("takes POST and DELETE of a petition's signature, with the id decoded", () => {
    expect(nodeRouteOf("POST", "/api/petitions/cmabc123/signature")).toEqual({ listener: SIGNATURE_LISTENER, param: "cmabc123" });
    expect(nodeRouteOf("DELETE", "/api/petitions/cmabc123/signature")).toEqual({ listener: SIGNATURE_LISTENER, param: "cmabc123" });
    expect(nodeRouteOf("POST", "/api/petitions/cmabc123/signature?x=1")).toMatchObject({ param: "cmabc123" });
    expect(nodeRouteOf("POST", "/api/petitions/a%20b/signature")).toMatchObject({ param: "a b" });
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
