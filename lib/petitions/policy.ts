// One petition policy: who may do what to a petition, in one pure function. The commands
// (lib/petitions/commands.ts, lib/moderation) call assertCan before they change anything, and
// pages ask `can` (through getPetitionDetail's viewer.can) instead of re-deriving the rules, so a
// button is shown exactly when the command behind it would accept. Signing's own command keeps
// its fast path (lib/signatures); test/integration/petition-policy.test.ts checks that the
// policy's answers for sign and withdraw match what that command does.
import type { Actor } from "@/lib/auth/actor";
import { DomainError, forbidden, notFound, unauthenticated } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { formatDate } from "@/lib/format";
import { isOrganizer, NOT_FOUND_MESSAGE } from "./access";

export const PETITION_ACTIONS = ["view", "sign", "withdraw", "edit", "close", "deliver", "appeal", "moderate"] as const;
export type PetitionAction = (typeof PETITION_ACTIONS)[number];

/** What the policy needs to know about the person asking. */
export type PolicyViewer = {
  actor: Actor | null;
  /** One of the petition's organizers. */
  organizer: boolean;
  /** Has a signature (or co-sponsorship) on it. */
  signed: boolean;
  /** Holds the co-sponsor link. */
  invited: boolean;
};

/** What the policy needs to know about the petition. */
export type PolicyPetition = { state: string; closesAt: Date; hiddenReason: string | null; deliveredAt: Date | null };

const SIGN_IN: Record<PetitionAction, string> = {
  view: "see this petition",
  sign: "sign a petition",
  withdraw: "withdraw a signature",
  edit: "edit a petition",
  close: "close a petition",
  deliver: "deliver a petition",
  appeal: "appeal",
  moderate: "hide petitions",
};

export const closedOn = (closesAt: Date) => `This petition closed on ${formatDate(closesAt)} and no longer accepts signatures.`;

function visible(viewer: PolicyViewer, petition: PolicyPetition): boolean {
  if (petition.state === "open" || petition.state === "closed" || viewer.organizer) return true;
  return petition.state === "collecting" && (viewer.invited || viewer.signed);
}

/**
 * Someone who is not an organizer: a 404 exactly like a petition that does not exist when they
 * may not even see it (a draft, or one gathering co-sponsors without the link), so no
 * organizer-only page, export or command discloses it; otherwise a 403 (decision 012).
 */
function notOrganizer(viewer: PolicyViewer, petition: PolicyPetition, action: string): DomainError {
  // Organizer-only commands never carry a co-sponsor link, so the link does not count here.
  return visible({ ...viewer, invited: false }, petition) ? forbidden(`Only this petition's organizers can ${action}.`) : notFound(NOT_FOUND_MESSAGE);
}

/**
 * Why `viewer` may not do `action` to `petition`, as the DomainError the command throws, or
 * null when they may. Checks run in the order the commands have always run them: sign-in,
 * visibility (a draft nobody may see is "not found"), permission, then the petition's state.
 */
export function refusal(viewer: PolicyViewer, petition: PolicyPetition, action: PetitionAction, now: Date = new Date()): DomainError | null {
  const open = petition.state === "open" || petition.state === "closed";
  if (action === "view") return visible(viewer, petition) ? null : notFound(NOT_FOUND_MESSAGE);
  if (!viewer.actor) return unauthenticated(`Sign in to ${SIGN_IN[action]}.`);
  switch (action) {
    case "sign": {
      if (!visible(viewer, petition)) return notFound(NOT_FOUND_MESSAGE);
      if (petition.state === "draft") return new DomainError("conflict", "This petition is still a draft and cannot be signed yet.");
      if (petition.hiddenReason) return new DomainError("conflict", "A moderator hid this petition, so it cannot be signed while the decision stands.");
      if (petition.state === "closed" || petition.closesAt <= now) return new DomainError("closed", closedOn(petition.closesAt));
      if (petition.state === "collecting") {
        if (!viewer.invited) return forbidden("This petition is gathering co-sponsors; you need the co-sponsor link from its organizers.");
        if (viewer.organizer) return forbidden("Organizers cannot co-sponsor their own petition; share the link with colleagues.");
      }
      return null;
    }
    case "withdraw":
      // Withdrawing never carries the co-sponsor link either.
      if (!visible({ ...viewer, invited: false }, petition)) return notFound(NOT_FOUND_MESSAGE);
      if (!viewer.signed) return notFound("You have not signed this petition, so there is nothing to withdraw.");
      if (petition.state === "closed" || petition.closesAt <= now) return new DomainError("closed", "This petition has closed; signatures can no longer be withdrawn.");
      return null;
    case "edit":
      if (!viewer.organizer) return notOrganizer(viewer, petition, "edit it");
      if (petition.state !== "draft") return new DomainError("conflict", "Only drafts can be edited; this petition already went out for co-sponsors.");
      return null;
    case "close":
      if (!viewer.organizer) return notOrganizer(viewer, petition, "close it");
      if (petition.state !== "open") return new DomainError("conflict", "Only an open petition can be closed.");
      return null;
    case "deliver":
      if (!viewer.organizer) return notOrganizer(viewer, petition, "deliver it");
      if (!open) return new DomainError("conflict", "Only an open or closed petition can be delivered.");
      if (petition.deliveredAt) return new DomainError("conflict", "This petition was already delivered.");
      return null;
    case "appeal":
      if (!viewer.organizer) return notOrganizer(viewer, petition, "appeal");
      if (!petition.hiddenReason) return new DomainError("conflict", "This petition is not hidden, so there is nothing to appeal.");
      return null;
    case "moderate":
      if (viewer.actor.role !== "moderator") return forbidden("Only moderator accounts can hide petitions.");
      if (!open) return notFound("No public petition with this id.");
      if (petition.hiddenReason) return new DomainError("conflict", "This petition is already hidden.");
      return null;
  }
}

export function can(viewer: PolicyViewer, petition: PolicyPetition, action: PetitionAction, now?: Date): boolean {
  return refusal(viewer, petition, action, now) === null;
}

export function assertCan(viewer: PolicyViewer, petition: PolicyPetition, action: PetitionAction, now?: Date): void {
  const error = refusal(viewer, petition, action, now);
  if (error) throw error;
}

/** Every action's answer at once, for pages. */
export function permissions(viewer: PolicyViewer, petition: PolicyPetition, now?: Date): Record<PetitionAction, boolean> {
  return Object.fromEntries(PETITION_ACTIONS.map((action) => [action, can(viewer, petition, action, now)])) as Record<PetitionAction, boolean>;
}

type ViewerReader = Pick<Prisma.TransactionClient, "petitionOrganizer" | "signature">;

/** The viewer's side of the policy, read from the database. */
export async function viewerOf(
  db: ViewerReader,
  actor: Actor | null,
  petition: { id: string; coSponsorToken: string },
  opts: { invite?: string; organizer?: boolean } = {},
): Promise<PolicyViewer> {
  const [organizer, signature] = await Promise.all([
    opts.organizer ?? isOrganizer(db, actor, petition.id),
    actor ? db.signature.findUnique({ where: { petitionId_userId: { petitionId: petition.id, userId: actor.id } }, select: { id: true } }) : null,
  ]);
  return { actor, organizer, signed: signature !== null, invited: Boolean(opts.invite) && opts.invite === petition.coSponsorToken };
}
