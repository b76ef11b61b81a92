// Single sign-on re-reads the profile and the role at every sign-in (issue 12, point 7; decision
// 007). The end-to-end test (test/e2e/auth.spec.ts) does the same through the real OIDC provider.
import { describe, expect, it } from "vitest";
import { parseServerEnv } from "@/lib/config";
import { setRole } from "@/lib/admin";
import { listAudit } from "@/lib/audit";
import { claimConfigFromEnv, mapClaims, mappedRoles } from "@/lib/auth/oidc-claims";
import { adminStanding, getActorById, upsertSsoUser } from "@/lib/users";
import { makeUser, testDatabase } from "./db";

const { db } = testDatabase();
// A second database with no admin but the one under test, for the last-admin rule.
const lonely = testDatabase();

const config = claimConfigFromEnv(parseServerEnv({
  AUTH_OIDC_ADMIN_GROUPS: "platform-admins",
  AUTH_OIDC_MODERATOR_GROUPS: "community-mods",
  AUTH_OIDC_LEADERSHIP_GROUPS: "exec",
}));
const MAPPED = mappedRoles(config);

const signIn = (database = db, claims: Record<string, unknown>) => upsertSsoUser(database, mapClaims(claims, config), MAPPED);
const roleOf = async (database: typeof db, id: string) => (await database.user.findUniqueOrThrow({ where: { id } })).role;

describe("single sign-on at every sign-in", () => {
  it("follows the groups claim up and down, and department and location with it", async () => {
    const claims = { email: "ops.person@example.com", name: "Ops Person", department: "Operations", location: "Paris", groups: ["staff", "exec"] };
    const first = await signIn(db, claims);
    expect(first).toMatchObject({ role: "leadership", from: null, keptLastAdmin: false });
    const actor = (await getActorById(db, first.id))!;
    expect(actor).toMatchObject({ role: "leadership", department: "Operations", location: "Paris" });

    // Moved to another team and out of the leadership group at the provider.
    const again = await signIn(db, { ...claims, department: "Finance", location: "Dublin", groups: ["staff"] });
    expect(again).toMatchObject({ id: first.id, role: "employee", from: "leadership" });
    expect(await getActorById(db, first.id)).toMatchObject({ role: "employee", department: "Finance", location: "Dublin" });
    // A claim that disappears clears the field: nothing stale is kept.
    await signIn(db, { ...claims, department: undefined, location: undefined, groups: ["community-mods"] });
    expect(await getActorById(db, first.id)).toMatchObject({ role: "moderator", department: null, location: null });

    // Each change a sign-in makes is in the audit log, attributed to the identity provider.
    const admin = await makeUser(db, { role: "admin" });
    const entries = (await listAudit(db, admin)).items.filter((e) => e.target === first.id);
    expect(entries.map((e) => [e.action, e.actorRole, e.details.from, e.details.to])).toEqual([
      ["role.sso", "identity provider", "employee", "moderator"],
      ["role.sso", "identity provider", "leadership", "employee"],
    ]);
  });

  it("is authoritative only for mapped roles: a role an admin gave that the provider does not decide stays", async () => {
    const onlyLeadership = claimConfigFromEnv(parseServerEnv({ AUTH_OIDC_LEADERSHIP_GROUPS: "exec" }));
    const mapped = mappedRoles(onlyLeadership);
    expect(mapped).toEqual(["leadership"]);
    const admin = await makeUser(db, { role: "admin" });
    const person = await signIn(db, { email: "mod.by.admin@example.com", groups: ["staff"] });
    await setRole(db, admin, { userId: person.id, role: "moderator" });
    await upsertSsoUser(db, mapClaims({ email: "mod.by.admin@example.com", groups: ["staff"] }, onlyLeadership), mapped);
    expect(await roleOf(db, person.id)).toBe("moderator");
    // With moderation mapped too, the provider decides it: not in the group, no longer a moderator.
    await signIn(db, { email: "mod.by.admin@example.com", groups: ["staff"] });
    expect(await roleOf(db, person.id)).toBe("employee");
    // Leadership an admin gave while leadership is mapped lasts until the next sign-in.
    await setRole(db, admin, { userId: person.id, role: "leadership" });
    await signIn(db, { email: "mod.by.admin@example.com", groups: ["staff"] });
    expect(await roleOf(db, person.id)).toBe("employee");
  });

  it("never removes the last admin silently: the role stays, the audit log and /admin say why, until another admin exists", async () => {
    const d = lonely.db;
    const claims = { email: "only.admin@example.com", name: "Only Admin", groups: ["platform-admins"] };
    const first = await signIn(d, claims);
    expect(first.role).toBe("admin");
    const asAdmin = (await getActorById(d, first.id))!;
    expect(await adminStanding(d, asAdmin)).toEqual({ onlyAdmin: true, keptAsLastAdmin: false });

    // Removed from the admin group while nobody else is admin.
    const kept = await signIn(d, { ...claims, groups: ["staff"] });
    expect(kept).toMatchObject({ role: "admin", from: "admin", keptLastAdmin: true });
    expect(await roleOf(d, first.id)).toBe("admin");
    expect(await adminStanding(d, asAdmin)).toEqual({ onlyAdmin: true, keptAsLastAdmin: true });
    const log = (await listAudit(d, asAdmin)).items;
    expect(log[0]).toMatchObject({ action: "role.sso.kept-last-admin", actorRole: "identity provider", target: first.id, details: { providerRole: "employee" } });

    // Someone else becomes admin through the group; the next sign-in takes the role away.
    const second = await signIn(d, { email: "new.admin@example.com", groups: ["platform-admins"] });
    expect(second.role).toBe("admin");
    const demoted = await signIn(d, { ...claims, groups: ["staff"] });
    expect(demoted).toMatchObject({ role: "employee", from: "admin", keptLastAdmin: false });
    expect(await d.user.count({ where: { role: "admin" } })).toBe(1);
  });
});
