// The anonymous door for signatures refuses any request that carries a Cookie or Authorization
// header before it reads anything, so an anonymous signature never arrives with an account
// (decision 018). The browser side sends with credentials: "omit" (components/anonymous/sign-wallet.ts).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DELETE, POST, PUT } from "@/app/api/petitions/[id]/anonymous-signature/route";

const ctx = { params: Promise.resolve({ id: "any" }) };
const request = (method: string, headers: Record<string, string>) =>
  new Request("http://localhost:3000/api/petitions/any/anonymous-signature", { method, headers: { "content-type": "application/json", origin: "http://localhost:3000", ...headers }, body: JSON.stringify({ token: { nonce: "AA==", signature: "AA==" } }) });

describe("the anonymous signature door", () => {
  for (const [name, handler] of [["POST", POST], ["DELETE", DELETE], ["PUT", PUT]] as const) {
    it(`${name} refuses a Cookie or an Authorization header`, async () => {
      for (const header of [{ cookie: "authjs.session-token=x" }, { authorization: "Bearer x" }] as Record<string, string>[]) {
        const res = await handler(request(name, header), ctx);
        expect(res.status).toBe(400);
        expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/without cookies/);
      }
    });
  }

  it("the browser sends it without credentials", () => {
    expect(readFileSync("components/anonymous/sign-wallet.ts", "utf8")).toMatch(/anonymous-signature`, \{\s*method: METHOD\[item\.op\],\s*credentials: "omit"/);
  });
});
