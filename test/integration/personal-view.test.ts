// What a shared page served to someone signed in asks of the server (lib/personal/view.ts,
// docs/decisions/035): their account and their own standing on a public petition, the same
// standing the page rendered for them shows, and whether the page has parts for them that only
// the server renders. Nothing else of the person or the petition.
import { describe, expect, it } from "vitest";
import { hidePetition } from "@/lib/moderation";
import { getPetitionPage } from "@/lib/petitions/page-data";
import { createPetition } from "@/lib/petitions/commands";
import { personalView } from "@/lib/personal/view";
import { signPetition, withdrawSignature } from "@/lib/signatures";
import { makeUser, openPetitionFor, petitionInput, testDatabase } from "./db";

const { db } = testDatabase();

describe("a signed-in person's view of a shared page", async () => {
  const organizer = await makeUser(db, { name: "Vera Organizer" });
  const employee = await makeUser(db, { name: "Emil Employee" });
  const leader = await makeUser(db, { role: "leadership" });
  const moderator = await makeUser(db, { role: "moderator" });
  const admin = await makeUser(db, { role: "admin" });
  const petition = await openPetitionFor(db, organizer);
  const path = `/petitions/${petition.slug}`;

  it("gives the account, and on a petition's page the same standing its rendering shows", async () => {
    await signPetition(db, employee, petition.id, { visibility: "named", follow: true });
    const view = await personalView(db, employee, path);
    expect(view).toEqual({
      account: { id: employee.id, name: "Emil Employee", role: "employee", unread: 0 },
      petition: { petitionId: petition.id, signature: { visibility: "named", coSponsor: false }, following: true, namedOnly: null, serverParts: false, signatureCount: expect.any(Number) },
    });
    const rendered = await getPetitionPage(db, employee, petition.slug);
    expect({ signature: view.petition!.signature, following: view.petition!.following, namedOnly: view.petition!.namedOnly }).toEqual(rendered.own);

    // The count now, with their signature: fresher than a shared page's.
    const row = await db.petition.findUniqueOrThrow({ where: { id: petition.id } });
    expect(view.petition!.signatureCount).toBe(row.signatureCount);

    // Withdrawn: no signature, one fewer, and from now on only by name.
    await withdrawSignature(db, employee, petition.id);
    const after = await personalView(db, employee, path);
    expect(after.petition!.signatureCount).toBe(row.signatureCount - 1);
    expect(after.petition).toMatchObject({ signature: null, namedOnly: (await getPetitionPage(db, employee, petition.slug)).own.namedOnly });
    expect(after.petition!.namedOnly).toBeTruthy();
  });

  it("says who has parts only the server renders: organizers, moderators, the leadership; not an employee or an admin", async () => {
    const parts = async (who: typeof employee) => (await personalView(db, who, path)).petition!.serverParts;
    expect(await parts(organizer)).toBe(true);
    expect(await parts(moderator)).toBe(true);
    expect(await parts(leader)).toBe(true);
    expect(await parts(employee)).toBe(false);
    expect(await parts(admin)).toBe(false);
  });

  it("gives only the account on any other page, and on a petition's page that is not shared", async () => {
    for (const other of ["/", "/petitions", "/timeline", "/petitions/no-such-petition", "/petitions/new"]) {
      expect(await personalView(db, employee, other), other).toEqual({ account: { id: employee.id, name: "Emil Employee", role: "employee", unread: 0 } });
    }
    const draft = await createPetition(db, organizer, petitionInput({ title: "A draft nobody else sees yet" }));
    expect((await personalView(db, organizer, `/petitions/${draft.slug}`)).petition).toBeUndefined();
    const hidden = await openPetitionFor(db, organizer, { title: "A petition a moderator hides" });
    await hidePetition(db, moderator, hidden.id, { reasonCode: "identifies", reasonText: "Names a colleague." });
    expect((await personalView(db, organizer, `/petitions/${hidden.slug}`)).petition).toBeUndefined();
  });

  it("holds nothing of the person but what their header shows: no e-mail, department or location", async () => {
    const text = JSON.stringify(await personalView(db, employee, path));
    expect(text).not.toContain(employee.email);
    for (const key of ["email", "department", "location"]) expect(text).not.toContain(`"${key}"`);
  });
});
