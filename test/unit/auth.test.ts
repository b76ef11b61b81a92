import { describe, expect, it } from "vitest";
import { requireRole } from "@/lib/auth/actor";
import { devLoginEnabled, oidcConfigured, ssoMappedRoles } from "@/lib/auth/flags";
import { claimConfigFromEnv, mapClaims, mappedRoles, roleAfterSignIn } from "@/lib/auth/oidc-claims";
import { safeRedirect } from "@/lib/auth/redirect";
import { parseServerEnv } from "@/lib/config";

const config = claimConfigFromEnv(
  parseServerEnv({
    AUTH_OIDC_LEADERSHIP_GROUPS: "exec, directors",
    AUTH_OIDC_MODERATOR_GROUPS: "community-mods",
    AUTH_OIDC_ADMIN_GROUPS: "platform-admins",
  }),
);

describe("mapping single sign-on claims", () => {
  it("maps email, name, department, location and the groups claim to a role", () => {
    expect(
      mapClaims({ sub: "1", email: "Rhea@Example.com", name: "Rhea", department: "Office of the CEO", location: "London", groups: ["staff", "directors"] }, config),
    ).toEqual({ email: "rhea@example.com", name: "Rhea", department: "Office of the CEO", location: "London", role: "leadership" });
  });

  it("gives no role when no configured group matches", () => {
    expect(mapClaims({ email: "a@example.com", groups: ["staff"] }, config).role).toBeNull();
    expect(mapClaims({ email: "a@example.com" }, config)).toMatchObject({ role: null, name: "a", department: null });
  });

  it("never makes a moderator into leadership: moderation wins over leadership, admin over both", () => {
    expect(mapClaims({ email: "a@example.com", groups: ["exec", "community-mods"] }, config).role).toBe("moderator");
    expect(mapClaims({ email: "a@example.com", groups: ["exec", "platform-admins"] }, config).role).toBe("admin");
    expect(mapClaims({ email: "a@example.com", groups: "community-mods" }, config).role).toBe("moderator");
  });

  it("uses configured claim names", () => {
    const custom = claimConfigFromEnv(parseServerEnv({ AUTH_OIDC_GROUPS_CLAIM: "roles", AUTH_OIDC_DEPARTMENT_CLAIM: "org_unit", AUTH_OIDC_LEADERSHIP_GROUPS: "exec" }));
    expect(mapClaims({ email: "a@example.com", roles: ["exec"], org_unit: "Finance" }, custom)).toMatchObject({ role: "leadership", department: "Finance" });
  });

  it("refuses a profile without email", () => {
    expect(() => mapClaims({ name: "x" }, config)).toThrow(/email/);
  });
});

describe("the role after a single sign-on (decision 007)", () => {
  it("knows which roles the provider decides: those with a group configured, and none when SSO is off", () => {
    expect(mappedRoles(config)).toEqual(["admin", "moderator", "leadership"]);
    expect(mappedRoles(claimConfigFromEnv(parseServerEnv({ AUTH_OIDC_LEADERSHIP_GROUPS: "exec" })))).toEqual(["leadership"]);
    expect(ssoMappedRoles(parseServerEnv({ AUTH_OIDC_LEADERSHIP_GROUPS: "exec" }))).toEqual([]);
    expect(ssoMappedRoles(parseServerEnv({ AUTH_OIDC_ISSUER: "https://id.example.com", AUTH_OIDC_CLIENT_ID: "x", AUTH_OIDC_CLIENT_SECRET: "y", AUTH_OIDC_ADMIN_GROUPS: "a" }))).toEqual(["admin"]);
  });

  it("a mapped group always wins; a mapped role without its group is taken away; a role the provider does not decide stays", () => {
    const mapped = ["leadership"] as const;
    expect(roleAfterSignIn(null, null, mapped)).toBe("employee");
    expect(roleAfterSignIn(null, "leadership", mapped)).toBe("leadership");
    expect(roleAfterSignIn("leadership", null, mapped)).toBe("employee");
    expect(roleAfterSignIn("moderator", null, mapped)).toBe("moderator");
    expect(roleAfterSignIn("admin", null, mapped)).toBe("admin");
    expect(roleAfterSignIn("moderator", "leadership", mapped)).toBe("leadership");
    expect(roleAfterSignIn("admin", null, ["admin", "leadership"])).toBe("employee");
    expect(roleAfterSignIn("employee", null, [])).toBe("employee");
  });
});

describe("sign-in switches", () => {
  const production = { NODE_ENV: "production", AUTH_SECRET: "s".repeat(32) };

  it("enables development sign-in outside production, and in production only when asked", () => {
    expect(devLoginEnabled(parseServerEnv({ NODE_ENV: "development" }))).toBe(true);
    expect(devLoginEnabled(parseServerEnv({ NODE_ENV: "test" }))).toBe(true);
    expect(devLoginEnabled(parseServerEnv(production))).toBe(false);
    expect(devLoginEnabled(parseServerEnv({ ...production, AUTH_DEV_LOGIN: "false" }))).toBe(false);
    expect(devLoginEnabled(parseServerEnv({ ...production, AUTH_DEV_LOGIN: "true" }))).toBe(true);
    // Anything else is refused at start rather than read as "off".
    expect(() => parseServerEnv({ ...production, AUTH_DEV_LOGIN: "1" })).toThrow(/AUTH_DEV_LOGIN="1" is not accepted: expected true or false/);
  });

  it("configures OIDC only with an issuer, a client id and a client secret, and refuses a partial setup", () => {
    expect(oidcConfigured(parseServerEnv({}))).toBe(false);
    expect(() => parseServerEnv({ AUTH_OIDC_ISSUER: "https://id.example.com" })).toThrow(/AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET are not set/);
    expect(() => parseServerEnv({ AUTH_OIDC_ISSUER: "https://id.example.com", AUTH_OIDC_CLIENT_ID: "x" })).toThrow(/AUTH_OIDC_CLIENT_SECRET is not set/);
    expect(oidcConfigured(parseServerEnv({ AUTH_OIDC_ISSUER: "https://id.example.com", AUTH_OIDC_CLIENT_ID: "x", AUTH_OIDC_CLIENT_SECRET: "y" }))).toBe(true);
  });
});

describe("redirects after sign-in", () => {
  it.each([
    ["/petitions/abc", "/petitions/abc"],
    ["/petitions?list=open", "/petitions?list=open"],
    ["https://evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example", "/"],
    ["/\t/evil.example/sso", "/"],
    ["/\n/evil.example", "/"],
    ["/%09/evil.example", "/%09/evil.example"],
    ["javascript:alert(1)", "/"],
    [undefined, "/"],
    [["/a", "/b"], "/"],
  ])("%s → %s", (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });
});

describe("role checks", () => {
  const actor = { id: "u", name: "U", email: "u@example.com", role: "employee" as const, department: null, location: null };
  it("answers 401 when signed out and 403 with a message for the wrong role", () => {
    expect(() => requireRole(null, ["leadership"], "post official responses")).toThrow(expect.objectContaining({ status: 401 }));
    expect(() => requireRole(actor, ["leadership"], "post official responses")).toThrow(expect.objectContaining({ status: 403, message: "Only leadership accounts can post official responses." }));
    expect(requireRole({ ...actor, role: "leadership" }, ["leadership"], "post official responses").role).toBe("leadership");
  });
});
