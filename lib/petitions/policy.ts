// One petition policy: who may do what to a petition, in one pure function. The commands
// (lib/petitions/commands.ts, lib/moderation) call assertCan before they change anything, and
// pages ask `can` (through getPetitionDetail's viewer.can) instead of re-deriving the rules, so a
// button is shown exactly when the command behind it would accept. Signing's own command keeps
// its fast path (lib/signatures); test/integration/petition-policy.test.ts checks that the
// policy's answers for sign and withdraw match what that command does.
import { msg } from "@/lib/i18n/message";
import { actionId, type Actor, type OrganizerAction, type SignInAction } from "@/lib/auth/actor";
import { DomainError, forbidden, notFound, unauthenticated } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { day } from "@/lib/i18n/message";
import { isOrganizer, NOT_FOUND_MESSAGE } from "./access";

export const PETITION_ACTIONS = ["view", "signers", "sign", "withdraw", "edit", "close", "deliver", "appeal", "moderate", "duplicate"] as const;
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

const SIGN_IN: Record<PetitionAction, SignInAction> = {
  view: "see this petition",
  signers: "see who signed",
  sign: "sign a petition",
  withdraw: "withdraw a signature",
  edit: "edit a petition",
  close: "close a petition",
  deliver: "deliver a petition",
  appeal: "appeal",
  moderate: "hide petitions",
  duplicate: "mark a petition as a duplicate",
};

export const closedOn = (closesAt: Date) => msg("Errors.signatures.closedOn", { date: day(closesAt) });

function visible(viewer: PolicyViewer, petition: PolicyPetition): boolean {
  if (petition.state === "open" || petition.state === "closed" || viewer.organizer) return true;
  return petition.state === "collecting" && (viewer.invited || viewer.signed);
}

/**
 * Someone who is not an organizer: a 404 exactly like a petition that does not exist when they
 * may not even see it (a draft, or one gathering co-sponsors without the link), so no
 * organizer-only page, export or command discloses it; otherwise a 403 (decision 012).
 */
function notOrganizer(viewer: PolicyViewer, petition: PolicyPetition, action: OrganizerAction): DomainError {
  // Organizer-only commands never carry a co-sponsor link, so the link does not count here.
  return visible({ ...viewer, invited: false }, petition) ? forbidden(msg("Errors.auth.onlyOrganizers", { action: actionId(action) })) : notFound(NOT_FOUND_MESSAGE);
}

/**
 * Who may read the names of the people who signed with their names (the signers page, the JSON
 * API's namedSigners): everyone, signed in or not, once the petition is public (open or closed)
 * and while no moderator has hidden it. A co-sponsor link never shows the names: co-sponsors
 * sign by name before the petition is public, and a link is not an audience. Anonymous
 * signatures are never listed to anyone (decision 005); this is about the named ones.
 */
function signersRefusal(viewer: PolicyViewer, petition: PolicyPetition): DomainError | null {
  if (!visible({ ...viewer, invited: false }, petition)) return notFound(NOT_FOUND_MESSAGE);
  if (petition.state !== "open" && petition.state !== "closed") return notFound(msg("Errors.petitions.petitionPublicYetNobody"));
  if (petition.hiddenReason) return notFound(msg("Errors.petitions.moderatorHidPetitionNames"));
  return null;
}

/**
 * Why `viewer` may not do `action` to `petition`, as the DomainError the command throws, or
 * null when they may. Checks run in the order the commands have always run them: sign-in,
 * visibility (a draft nobody may see is "not found"), permission, then the petition's state.
 */
export function refusal(viewer: PolicyViewer, petition: PolicyPetition, action: PetitionAction, now: Date = new Date()): DomainError | null {
  const open = petition.state === "open" || petition.state === "closed";
  if (action === "view") return visible(viewer, petition) ? null : notFound(NOT_FOUND_MESSAGE);
  if (action === "signers") return signersRefusal(viewer, petition);
  if (!viewer.actor) return unauthenticated(msg("Errors.auth.signInTo", { action: actionId(SIGN_IN[action]) }));
  switch (action) {
    case "sign": {
      if (!visible(viewer, petition)) return notFound(NOT_FOUND_MESSAGE);
      if (petition.state === "draft") return new DomainError("conflict", msg("Errors.signatures.petitionStillDraftCannot"));
      if (petition.hiddenReason) return new DomainError("conflict", msg("Errors.signatures.moderatorHidPetitionCannot"));
      if (petition.state === "closed" || petition.closesAt <= now) return new DomainError("closed", closedOn(petition.closesAt));
      if (petition.state === "collecting") {
        if (!viewer.invited) return forbidden(msg("Errors.signatures.petitionGatheringCoSponsors"));
        if (viewer.organizer) return forbidden(msg("Errors.signatures.organizersCannotCoSponsor"));
      }
      return null;
    }
    case "withdraw":
      // Withdrawing never carries the co-sponsor link either.
      if (!visible({ ...viewer, invited: false }, petition)) return notFound(NOT_FOUND_MESSAGE);
      if (!viewer.signed) return notFound(msg("Errors.signatures.haveSignedPetitionThere"));
      if (petition.state === "closed" || petition.closesAt <= now) return new DomainError("closed", msg("Errors.signatures.petitionHasClosedSignatures"));
      return null;
    case "edit":
      if (!viewer.organizer) return notOrganizer(viewer, petition, "edit it");
      if (petition.state !== "draft") return new DomainError("conflict", msg("Errors.petitions.onlyDraftsEditedPetition"));
      return null;
    case "close":
      if (!viewer.organizer) return notOrganizer(viewer, petition, "close it");
      if (petition.state !== "open") return new DomainError("conflict", msg("Errors.petitions.onlyOpenPetitionClosed"));
      return null;
    case "deliver":
      if (!viewer.organizer) return notOrganizer(viewer, petition, "deliver it");
      if (!open) return new DomainError("conflict", msg("Errors.petitions.onlyOpenClosedPetition"));
      if (petition.deliveredAt) return new DomainError("conflict", msg("Errors.petitions.petitionWasAlreadyDelivered"));
      return null;
    case "appeal":
      if (!viewer.organizer) return notOrganizer(viewer, petition, "appeal");
      if (!petition.hiddenReason) return new DomainError("conflict", msg("Errors.moderation.petitionHiddenThereNothing"));
      return null;
    case "moderate":
      if (viewer.actor.role !== "moderator") return forbidden(msg("Errors.petitions.onlyModeratorAccountsHide"));
      if (!open) return notFound(msg("Errors.common.noPublicPetition"));
      if (petition.hiddenReason) return new DomainError("conflict", msg("Errors.petitions.petitionAlreadyHidden"));
      return null;
    case "duplicate":
      // Closing a petition as a duplicate of another (lib/moderation/duplicates.ts).
      if (viewer.actor.role !== "moderator") return forbidden(msg("Errors.petitions.onlyModeratorAccountsMark"));
      if (!open) return notFound(msg("Errors.common.noPublicPetition"));
      if (petition.hiddenReason) return new DomainError("conflict", msg("Errors.petitions.moderatorHidPetitionCannot"));
      if (petition.state === "closed" || petition.closesAt <= now) return new DomainError("conflict", msg("Errors.moderation.onlyOpenPetitionClosed"));
      return null;
  }
}

/** How long a closed petition is still offered as "similar" to someone writing a new one. */
export const SIMILAR_CLOSED_DAYS = 180;

/**
 * Whether a petition may be offered to anyone as similar to their draft, or as the one a
 * duplicate points to: public (the policy's view for a viewer with no tie to it, so no draft or
 * co-sponsor stage), not hidden, not itself closed as a duplicate, and open or closed recently.
 */
export function offerableAsSimilar(
  petition: PolicyPetition & { closedAt: Date | null; duplicateOfId: string | null },
  now: Date = new Date(),
): boolean {
  const stranger: PolicyViewer = { actor: null, organizer: false, signed: false, invited: false };
  if (!can(stranger, petition, "view", now) || petition.hiddenReason || petition.duplicateOfId) return false;
  if (petition.state === "open") return true;
  const closed = petition.closedAt ?? petition.closesAt;
  return now.getTime() - closed.getTime() <= SIMILAR_CLOSED_DAYS * 24 * 60 * 60 * 1000;
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
  /** `organizer` and `signed`, when the caller has read them already, save their queries. */
  opts: { invite?: string; organizer?: boolean; signed?: boolean } = {},
): Promise<PolicyViewer> {
  const [organizer, signed] = await Promise.all([
    opts.organizer ?? isOrganizer(db, actor, petition.id),
    opts.signed ??
      (actor
        ? db.signature.findUnique({ where: { petitionId_userId: { petitionId: petition.id, userId: actor.id } }, select: { id: true } }).then((s) => s !== null)
        : false),
  ]);
  return { actor, organizer, signed, invited: Boolean(opts.invite) && opts.invite === petition.coSponsorToken };
}

/**
 * Role work outside a single petition (moderating comments, leadership's status changes and
 * commitments): which roles may do it, in the same policy, so the commands and the pages that
 * show their buttons ask one table.
 */
export const ROLE_ACTIONS = {
  "comment.hide": { roles: ["moderator"], words: "hide comments" },
  "comment.restore": { roles: ["moderator"], words: "undo a hide" },
  "flag.dismiss": { roles: ["moderator"], words: "dismiss flags" },
  "flag.list": { roles: ["moderator"], words: "see flagged comments" },
  "program.status": { roles: ["leadership"], words: "change a program's status" },
  "commitment.resolve": { roles: ["leadership"], words: "mark commitments kept or missed" },
  "responses.owed": { roles: ["leadership"], words: "see the responses owed" },
  "comment.ask": { roles: ["leadership"], words: "ask the writer of an anonymous comment a question" },
} as const satisfies Record<string, { roles: readonly [Actor["role"]]; words: SignInAction }>;
export type RoleAction = keyof typeof ROLE_ACTIONS;

/** Whether this actor's role may do `action` (false when signed out). */
export function roleCan(actor: Actor | null, action: RoleAction): boolean {
  return actor !== null && (ROLE_ACTIONS[action].roles as readonly string[]).includes(actor.role);
}

/** The actor, when their role may do `action`; otherwise the 401 or 403 the command throws. */
export function requireRoleFor(actor: Actor | null, action: RoleAction): Actor {
  const rule = ROLE_ACTIONS[action];
  if (!actor) throw unauthenticated(msg("Errors.auth.signInTo", { action: actionId(rule.words) }));
  if (!roleCan(actor, action)) {
    throw forbidden(msg("Errors.auth.onlyRole", { role: rule.roles[0], action: actionId(rule.words) }));
  }
  return actor;
}

/**
 * Who may ask the writer of an anonymous comment a question (decision 026): leadership on any
 * thread, and a petition's organizers on their own petition's thread. `organizer` says whether
 * the actor organizes the petition the comment is on (false on a program's thread). Returns the
 * actor, or throws the 401 or 403 the command answers with.
 */
export function assertMayAsk(actor: Actor | null, thread: { organizer: boolean }): Actor {
  if (!actor) throw unauthenticated(msg("Errors.auth.signInTo", { action: actionId(ROLE_ACTIONS["comment.ask"].words) }));
  if (roleCan(actor, "comment.ask") || thread.organizer) return actor;
  throw forbidden(msg("Errors.petitions.onlyLeadershipOrganizersPetition"));
}

/** Whether the actor may ask on this thread, for pages that show the form. */
export function mayAsk(actor: Actor | null, thread: { organizer: boolean }): boolean {
  return actor !== null && (roleCan(actor, "comment.ask") || thread.organizer);
}

/** The role a question is asked under: leadership first, otherwise organizer of the petition. */
export function askerRole(actor: Actor, thread: { organizer: boolean }): "leadership" | "organizer" {
  return roleCan(actor, "comment.ask") || !thread.organizer ? "leadership" : "organizer";
}
