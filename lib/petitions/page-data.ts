// The petition page's read model (decision 019): the fresh petition row and the viewer's own
// standing on every request, everything that is the same for everyone from a short-lived
// in-process cache (./public-cache.ts).
import type { Actor } from "@/lib/auth/actor";
import { publishedKeys } from "@/lib/anonymity/keys";
import { commentCrowd, listComments } from "@/lib/comments";
import type { Db } from "@/lib/db/client";
import type { Petition } from "@/lib/generated/prisma/client";
import { listOrganizerUpdates, listResponses } from "@/lib/responses";
import { SWITCH_REFUSED } from "@/lib/signatures";
import { readPetitionRowBySlug, readStanding } from "@/lib/db/direct";
import { notFound } from "@/lib/errors";
import { assertCanView, NOT_FOUND_MESSAGE } from "./access";
import { viewerOf } from "./policy";
import { assembleDetail, effectiveState, loadPetitionShared, type PetitionDetail } from "./queries";
import { cachedPetitionPublic, invalidatePetitionPublic } from "./public-cache";
import { countNamedSigners } from "./signers";

async function loadPublic(db: Db, petition: Petition) {
  const [shared, namedSigners, responses, updates, comments, keys, crowd] = await Promise.all([
    loadPetitionShared(db, petition),
    countNamedSigners(db, petition.id),
    listResponses(db, { petitionId: petition.id }),
    listOrganizerUpdates(db, petition.id),
    listComments(db, { petitionId: petition.id }, { limit: 50 }),
    publishedKeys(db),
    commentCrowd(db),
  ]);
  return { shared, namedSigners, responses, updates, comments: comments.items, fingerprint: keys[0]!.fingerprint, crowd };
}

export type PetitionPublicData = Awaited<ReturnType<typeof loadPublic>>;

/** The viewer's own standing on a petition. */
export type OwnStanding = {
  signature: { visibility: "named" | "anonymous"; coSponsor: boolean } | null;
  following: boolean;
  /** Why this person may sign only by name (they withdrew a named signature), if so. */
  namedOnly: string | null;
};

export type PetitionPageData = {
  petition: PetitionDetail;
  /** Null unless the petition is public (open or closed) and not hidden. */
  public: PetitionPublicData | null;
  own: OwnStanding;
};

const NOBODY: OwnStanding & { organizer: boolean; unread: number } = { signature: null, following: false, namedOnly: null, organizer: false, unread: 0 };

/**
 * What a petition's page shows of `actor` themselves, with their unread notifications: one
 * statement (lib/db/direct.ts readStanding), read on every signed-in view of the page and for
 * every shared page served to someone signed in (lib/personal).
 */
export async function petitionStanding(db: Db, actor: Actor | null, petitionId: string): Promise<OwnStanding & { organizer: boolean; unread: number }> {
  if (!actor) return NOBODY;
  const row = await readStanding(db, actor.id, petitionId);
  return {
    organizer: row.organizer,
    unread: row.unread,
    signature: row.visibility === null ? null : { visibility: row.visibility === "named" ? "named" : "anonymous", coSponsor: row.coSponsor },
    following: row.following,
    // An anonymous signature after a withdrawn named one would show who it was (lib/signatures).
    namedOnly: row.withdrewNamed ? SWITCH_REFUSED : null,
  };
}

/** What everyone sees of a public petition, cached; reloaded when its background text changed. */
export async function petitionPublicData(db: Db, petition: Petition, now: number = Date.now()): Promise<PetitionPublicData> {
  const cached = await cachedPetitionPublic(petition.id, () => loadPublic(db, petition), now);
  if (cached.shared.background === petition.background) return cached;
  invalidatePetitionPublic(petition.id);
  return cachedPetitionPublic(petition.id, () => loadPublic(db, petition), now);
}

/**
 * Everything the petition page shows this viewer. The petition row is read on every request, so
 * the count, state, response status and moderation are current; a petition the viewer may not
 * see is a 404 (DomainError) as in getPetitionDetail.
 */
export async function getPetitionPage(db: Db, actor: Actor | null, slug: string, opts: { invite?: string; now?: Date } = {}): Promise<PetitionPageData> {
  const now = opts.now ?? new Date();
  const row = await readPetitionRowBySlug(db, slug);
  if (!row) throw notFound(NOT_FOUND_MESSAGE);
  const standing = await petitionStanding(db, actor, row.id);
  const { organizer } = await assertCanView(db, actor, row, opts.invite, { organizer: standing.organizer, signed: standing.signature !== null });
  const state = effectiveState(row, now);
  const isPublic = (state === "open" || state === "closed") && !row.hiddenReason;
  const pub = isPublic ? await petitionPublicData(db, row, now.getTime()) : null;
  const { signature, following, namedOnly } = standing;
  const policyViewer = await viewerOf(db, actor, row, { invite: opts.invite, organizer, signed: signature !== null });
  const shared = pub?.shared ?? (await loadPetitionShared(db, row));
  return {
    petition: assembleDetail(row, shared, organizer, policyViewer, now),
    public: pub,
    own: { signature, following, namedOnly },
  };
}
