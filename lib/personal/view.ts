// What a shared page needs to know of the person looking at it (docs/decisions/035): the account
// the header shows and, on a petition's page, their own standing on it. The page everyone gets
// comes from the public page cache; the page's script asks GET /api/me for this, once, and its
// client parts (the header, the Sign panel, Follow, the discussion's forms) show it. Someone
// whose page has parts that only the server renders (an organizer's tools, a moderator's, the
// leadership's answers) is told so (`serverParts`), and the page asks for those parts instead.
//
// Nothing here is stored or logged; the answer is `private, no-store`.
import type { Actor, Role } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { readPetitionRowBySlug } from "@/lib/db/direct";
import { unreadCount } from "@/lib/notifications";
import { petitionSlugOfPath } from "@/lib/page-cache/rules";
import { petitionStanding, type OwnStanding } from "@/lib/petitions/page-data";
import { can, mayAsk, type PolicyViewer } from "@/lib/petitions/policy";
import { effectiveState } from "@/lib/petitions/queries";

/** The account as the header and the client parts show it. */
export type Account = { id: string; name: string; role: Role; unread: number };

/** A signed-in person's own standing on a public petition. */
export type PetitionViewer = {
  petitionId: string;
  signature: { visibility: "named" | "anonymous"; coSponsor: boolean } | null;
  following: boolean;
  /** Why this person may sign only by name, if so. */
  namedOnly: string | null;
};

export type PersonalView = {
  account: Account;
  /** On a public petition's page: this person's standing there. */
  petition?: PetitionViewer & {
    /** The page has parts for this person that only the server renders (the personal-parts action). */
    serverParts: boolean;
    /**
     * The count now. The shared page's may be seconds old and the live stream only tells of later
     * changes, so someone who just signed or withdrew would see the count before it (read your writes).
     */
    signatureCount: number;
  };
};

export function accountOf(actor: Actor, unread: number): Account {
  return { id: actor.id, name: actor.name, role: actor.role, unread };
}

/** The viewer's standing as the client parts take it. */
export function petitionViewerOf(petitionId: string, own: OwnStanding): PetitionViewer {
  return { petitionId, signature: own.signature, following: own.following, namedOnly: own.namedOnly };
}

/**
 * Whether the petition page shows `actor` anything the client parts cannot: the organizers'
 * tools and live notice, the moderators' panel, the leadership's answer and commitment forms, the
 * question forms of those who may ask a comment's writer (lib/petitions/policy.ts decides each).
 */
export function hasServerParts(actor: Actor, viewer: { organizer: boolean; mayModerate: boolean }): boolean {
  return viewer.organizer || viewer.mayModerate || actor.role === "leadership" || mayAsk(actor, { organizer: viewer.organizer });
}

/**
 * What the shared page at `path` needs to know of `actor`. It reads what the page itself reads of
 * its viewer (lib/petitions/page-data.ts), without the rest of the page: the petition row and the
 * person's standing, one statement each.
 */
export async function personalView(db: Db, actor: Actor, path: string, now: Date = new Date()): Promise<PersonalView> {
  const slug = petitionSlugOfPath(path);
  const row = slug ? await readPetitionRowBySlug(db, slug) : null;
  if (!row) return { account: accountOf(actor, await unreadCount(db, actor)) };
  const standing = await petitionStanding(db, actor, row.id);
  const account = accountOf(actor, standing.unread);
  const state = effectiveState(row, now);
  // Only a public petition's page is shared (its metadata says so); any other is rendered for each person.
  if ((state !== "open" && state !== "closed") || row.hiddenReason) return { account };
  const policyViewer: PolicyViewer = { actor, organizer: standing.organizer, signed: standing.signature !== null, invited: false };
  const petition = { ...row, state };
  return {
    account,
    petition: {
      ...petitionViewerOf(row.id, standing),
      serverParts: hasServerParts(actor, { organizer: standing.organizer, mayModerate: can(policyViewer, petition, "moderate", now) }),
      signatureCount: row.signatureCount,
    },
  };
}
