// A DomainError's English message is rendered when read, not when the error is made (issue 15):
// the policy makes a refusal for every action a page asks about and reads none of them.
import { describe, expect, it } from "vitest";
import { DomainError, notFound } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";

describe("a DomainError's message", () => {
  it("is not rendered until someone reads it", () => {
    const error = notFound(msg("Errors.petitions.notFound"));
    const before = Object.getOwnPropertyDescriptor(error, "message");
    expect(before?.get).toBeTypeOf("function");
    expect(before?.enumerable).toBe(false);
    expect(error.message).toBe("No petition found at this address. It may be a draft you cannot see.");
    const after = Object.getOwnPropertyDescriptor(error, "message");
    expect(after).toMatchObject({ value: error.message, writable: true, enumerable: false });
  });

  it("reads as an Error's message everywhere: toString, the stack, a throw, values", () => {
    const error = new DomainError("conflict", msg("Errors.admin.alreadyHasRole", { name: "Xaver" }));
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toBe("DomainError: Xaver already has this role.");
    expect(error.stack?.split("\n")[0]).toBe("DomainError: Xaver already has this role.");
    expect(() => {
      throw error;
    }).toThrow("Xaver already has this role.");
    expect(error.localized("de").message).toContain("Xaver");
    expect(error.status).toBe(409);
  });

  it("can be set, as an Error's message can", () => {
    const error = notFound(msg("Errors.petitions.notFound"));
    error.message = "changed";
    expect(error.message).toBe("changed");
    expect(Object.keys(error)).not.toContain("message");
    expect(JSON.stringify(error)).not.toContain("changed");
  });
});
