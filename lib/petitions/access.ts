// Who may see and change a petition. Kept in one place so pages, the JSON API and the
// domain commands agree.
import { actionId, type Actor, type OrganizerAction } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { forbidden, notFound } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";
import type { Prisma } from "@/lib/generated/prisma/client";

type Reader = Pick<Prisma.TransactionClient, "petitionOrganizer" | "signature">;

export async function isOrganizer(db: Reader, actor: Actor | null, petitionId: string): Promise<boolean> {
  if (!actor) return false;
  const row = await db.petitionOrganizer.findUnique({
    where: { petitionId_userId: { petitionId, userId: actor.id } },
    select: { userId: true },
  });
  return row !== null;
}

export const NOT_FOUND_MESSAGE = msg("Errors.petitions.notFound");

/**
 * Drafts are visible only to their organizers. A petition gathering co-sponsors is visible to
 * its organizers, to anyone holding the co-sponsor link, and to those who already co-sponsored.
 * Open and closed petitions are public. Anything not visible is reported as not found, so the
 * existence of a private draft is not disclosed.
 */
export async function assertCanView(
  db: Reader,
  actor: Actor | null,
  petition: { id: string; state: string; coSponsorToken: string },
  invite?: string,
  /** The viewer's standing, when the caller has read it already: saves its queries. */
  known?: { organizer: boolean; signed: boolean },
): Promise<{ organizer: boolean }> {
  const organizer = known ? known.organizer : await isOrganizer(db, actor, petition.id);
  if (petition.state === "open" || petition.state === "closed" || organizer) return { organizer };
  if (petition.state === "collecting") {
    if (invite && invite === petition.coSponsorToken) return { organizer };
    if (actor) {
      const signed = known
        ? known.signed
        : (await db.signature.findUnique({ where: { petitionId_userId: { petitionId: petition.id, userId: actor.id } }, select: { id: true } })) !== null;
      if (signed) return { organizer };
    }
  }
  throw notFound(NOT_FOUND_MESSAGE);
}

export async function findPetitionOr404(db: Pick<Db, "petition">, idOrSlug: { id: string } | { slug: string }) {
  const petition = await db.petition.findUnique({ where: idOrSlug as { id: string } });
  if (!petition) throw notFound(NOT_FOUND_MESSAGE);
  return petition;
}

/**
 * Refuses someone who is not an organizer. Someone who may not even see the petition (a draft,
 * or a petition gathering co-sponsors they have not co-sponsored) gets exactly the 404 a
 * petition that does not exist gets, so no organizer-only page, export or command discloses
 * that it exists; someone who may see it is told only organizers can do this (403).
 */
export async function assertOrganizer(
  db: Reader,
  actor: Actor,
  petition: { id: string; state: string; coSponsorToken: string },
  action: OrganizerAction,
) {
  if (await isOrganizer(db, actor, petition.id)) return;
  await assertCanView(db, actor, petition);
  throw forbidden(msg("Errors.auth.onlyOrganizers", { action: actionId(action) }));
}

/** Loads a petition for something only its organizers may do (see assertOrganizer). */
export async function findForOrganizer(
  db: Pick<Db, "petition" | "petitionOrganizer" | "signature">,
  actor: Actor,
  idOrSlug: { id: string } | { slug: string },
  action: OrganizerAction,
) {
  const petition = await findPetitionOr404(db, idOrSlug);
  await assertOrganizer(db, actor, petition, action);
  return petition;
}

/** The slug of the petition a command acted on, for the pages to revalidate after it. */
export async function petitionSlugById(db: Pick<Db, "petition">, id: string): Promise<{ slug: string } | null> {
  return db.petition.findUnique({ where: { id }, select: { slug: true } });
}
