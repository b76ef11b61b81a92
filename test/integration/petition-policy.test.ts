// The petition policy (lib/petitions/policy.ts) against the commands: for every state a
// petition can be in, every kind of viewer and every action, `refusal` must predict exactly what
// the command does (accepts, or refuses with the same status and message). Pages show an action
// when `can` says so (getPetitionDetail's viewer.can), so a button never leads to a refusal and
// nothing the command would accept is missing.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { fileAppeal, hidePetition } from "@/lib/moderation";
import { markDuplicate } from "@/lib/moderation/duplicates";
import { closePetition, createPetition, deliverPetition, submitForCoSponsors, updateDraft } from "@/lib/petitions/commands";
import { PETITION_ACTIONS, refusal, viewerOf, type PetitionAction } from "@/lib/petitions/policy";
import { getPetitionDetail } from "@/lib/petitions/queries";
import { listPetitionSigners } from "@/lib/petitions/signers";
import { writeSettings } from "@/lib/settings";
import { signPetition, withdrawSignature } from "@/lib/signatures";
import { makeUser, openPetitionFor, outcomeOf, petitionInput, testDatabase } from "./db";
import { signAnonymouslyNow } from "./anon";

const { db } = testDatabase();

const STATES = ["draft", "collecting", "open", "hidden", "closed", "expired"] as const;
const VIEWERS = ["signed out", "stranger", "invited", "signer", "organizer", "moderator"] as const;
type Scenario = (typeof STATES)[number];
type ViewerKind = (typeof VIEWERS)[number];

/** A fresh petition in `state`, with an organizer and someone who signed it where that is possible. */
async function petitionIn(state: Scenario, moderator: Actor) {
  const organizer = await makeUser(db);
  const signer = await makeUser(db);
  let petition = await createPetition(db, organizer, petitionInput());
  if (state !== "draft") {
    await submitForCoSponsors(db, organizer, petition.id);
    if (state === "collecting") {
      await signPetition(db, signer, petition.id, { visibility: "named", invite: petition.coSponsorToken });
    } else {
      petition = await openPetitionFor(db, organizer);
      await signPetition(db, signer, petition.id, { visibility: "named" });
    }
  }
  if (state === "hidden") await hidePetition(db, moderator, petition.id, { reasonCode: "identifies", reasonText: "Names a colleague." });
  if (state === "closed") await closePetition(db, organizer, petition.id);
  const row = await db.petition.findUniqueOrThrow({ where: { id: petition.id } });
  // An open petition whose closing date has passed, before the scheduler closes it.
  const now = state === "expired" ? new Date(row.closesAt.getTime() + 60_000) : new Date();
  return { row, organizer, signer, now };
}

const everyoneViews = ["signed out view", "stranger view", "invited view", "signer view", "organizer view", "moderator view"];
// Everyone reads the names on a public petition that no moderator hid, and nobody otherwise.
const withNames = (allowed: string[]) => allowed.flatMap((a) => (a.endsWith(" view") ? [a, a.replace(/ view$/, " signers")] : [a]));
const ALLOWED: Record<Scenario, string[]> = {
  draft: ["organizer view", "organizer edit"],
  collecting: ["invited view", "invited sign", "signer view", "signer sign", "signer withdraw", "organizer view"],
  open: withNames([
    "signed out view", "stranger view", "stranger sign", "invited view", "invited sign", "signer view", "signer sign", "signer withdraw",
    "organizer view", "organizer sign", "organizer close", "organizer deliver", "moderator view", "moderator sign", "moderator moderate",
    "moderator duplicate",
  ]),
  hidden: ["signed out view", "stranger view", "invited view", "signer view", "signer withdraw", "organizer view", "organizer close", "organizer deliver", "organizer appeal", "moderator view"],
  closed: withNames([...everyoneViews.slice(0, 5), "organizer deliver", "moderator view", "moderator moderate"]),
  // Past its closing date but not yet closed by the scheduler: nobody signs or withdraws; the
  // organizers may still close or deliver it.
  expired: withNames([...everyoneViews.slice(0, 5), "organizer close", "organizer deliver", "moderator view", "moderator moderate"]),
};

function run(action: PetitionAction, actor: Actor | null, petitionId: string, invite: string | undefined, now: Date): Promise<unknown> {
  switch (action) {
    case "view":
      return getPetitionDetail(db, actor, { id: petitionId }, { invite, now });
    case "signers":
      return listPetitionSigners(db, actor, { id: petitionId }, {}, { now });
    case "sign":
      return signPetition(db, actor, petitionId, { visibility: "named", invite }, { now });
    case "withdraw":
      return withdrawSignature(db, actor, petitionId, { now });
    case "edit":
      return updateDraft(db, actor, petitionId, petitionInput({ title: "A better title for the draft" }), { now });
    case "close":
      return closePetition(db, actor, petitionId, { now });
    case "deliver":
      return deliverPetition(db, actor, petitionId, { now });
    case "appeal":
      return fileAppeal(db, actor, petitionId, { text: "The petition names nobody; please look again." }, { now });
    case "moderate":
      return hidePetition(db, actor, petitionId, { reasonCode: "identifies", reasonText: "Names a colleague." }, { now });
    case "duplicate":
      return db.petition
        .findUniqueOrThrow({ where: { id: petitionId } })
        .then(async (p) => markDuplicate(db, actor, { petition: p.slug, duplicateOf: (await duplicateTarget()).slug }, { now }));
  }
}

// The open petition every "duplicate" in this file points to.
let target: Promise<{ slug: string }> | undefined;
const duplicateTarget = () => (target ??= makeUser(db).then((organizer) => openPetitionFor(db, organizer, { title: "The petition duplicates point to" })));

describe("the petition policy predicts every command", async () => {
  await writeSettings(db, { coSponsorsNeeded: 2 });
  const moderator = await makeUser(db, { role: "moderator" });
  const stranger = await makeUser(db);

  it.each(STATES)("on a %s petition, for every viewer and action", async (state) => {
    const mismatches: string[] = [];
    const allowed: string[] = [];
    // A refused command changes nothing, so the petition is made afresh only after an accepted one.
    let scenario = await petitionIn(state, moderator);
    for (const kind of VIEWERS) {
      for (const action of PETITION_ACTIONS) {
        const { row, organizer, signer, now } = scenario;
        const actors: Record<ViewerKind, Actor | null> = { "signed out": null, stranger, invited: stranger, signer, organizer, moderator };
        const actor = actors[kind];
        const invite = kind === "invited" || (kind === "signer" && state === "collecting") ? row.coSponsorToken : undefined;
        const predicted = refusal(await viewerOf(db, actor, row, { invite }), row, action, now);
        const expected = predicted ? `${predicted.status} ${predicted.message}` : "allowed";
        const actual = await outcomeOf(() => run(action, actor, row.id, invite, now));
        if (actual !== expected) mismatches.push(`${kind} ${action}: policy says "${expected}", the command "${actual}"`);
        if (actual === "allowed") {
          allowed.push(`${kind} ${action}`);
          if (action !== "view" && action !== "signers") scenario = await petitionIn(state, moderator);
        }
      }
    }
    expect(mismatches).toEqual([]);
    // And the rules themselves, written out: who may do what in each state.
    expect(allowed).toEqual(ALLOWED[state]);
  });

  it("gives pages the same answers through getPetitionDetail", async () => {
    const { row, organizer } = await petitionIn("hidden", moderator);
    const asOrganizer = await getPetitionDetail(db, organizer, { id: row.id });
    expect(asOrganizer.viewer.can).toEqual({ view: true, signers: false, sign: false, withdraw: false, edit: false, close: true, deliver: true, appeal: true, moderate: false, duplicate: false });
    const open = await petitionIn("open", moderator);
    expect((await getPetitionDetail(db, moderator, { id: open.row.id })).viewer.can).toMatchObject({ moderate: true, sign: true, close: false, appeal: false });
    expect((await getPetitionDetail(db, null, { id: open.row.id })).viewer.can).toEqual({ view: true, signers: true, sign: false, withdraw: false, edit: false, close: false, deliver: false, appeal: false, moderate: false, duplicate: false });
  });
});

describe("the signers list asks the policy", async () => {
  const moderator = await makeUser(db, { role: "moderator" });

  it("lists the named signers of a public petition, never the anonymous ones, and nothing once hidden", async () => {
    const organizer = await makeUser(db);
    const petition = await openPetitionFor(db, organizer, { title: "Names are listed while it is public" });
    const named = await makeUser(db, { name: "Ada Named" });
    await signPetition(db, named, petition.id, { visibility: "named" });
    await signAnonymouslyNow(db, await makeUser(db, { name: "Bo Anonymous" }), petition.id);
    const list = await listPetitionSigners(db, null, { slug: petition.slug });
    expect(list.items.map((s) => s.name)).toContain("Ada Named");
    expect(list.items.map((s) => s.name)).not.toContain("Bo Anonymous");
    expect(list.total).toBe(list.items.length);
    expect(list.petition.signatureCount).toBe(list.total + 1);

    await hidePetition(db, moderator, petition.id, { reasonCode: "identifies", reasonText: "Names a colleague." });
    for (const actor of [null, organizer, named, moderator]) {
      expect(await outcomeOf(() => listPetitionSigners(db, actor, { slug: petition.slug }))).toBe("404 A moderator hid this petition; its names are not listed while the decision stands.");
    }
    // The page and the JSON API read the same answer.
    expect((await getPetitionDetail(db, named, { id: petition.id })).viewer.can.signers).toBe(false);
  });

  it("does not show a draft's existence to anyone but its organizers", async () => {
    const organizer = await makeUser(db);
    const draft = await createPetition(db, organizer, petitionInput());
    const stranger = await makeUser(db);
    expect(await outcomeOf(() => listPetitionSigners(db, stranger, { slug: draft.slug }))).toMatch(/^404 No petition found/);
    expect(await outcomeOf(() => listPetitionSigners(db, organizer, { slug: draft.slug }))).toBe("404 This petition is not public yet, so nobody's name is listed.");
  });
});
