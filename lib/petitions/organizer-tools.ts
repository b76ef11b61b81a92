// What an organizer can do from the dashboard, asked of the one petition policy, so a tool is
// shown exactly when its command would accept.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { findForOrganizer } from "./access";
import { can, viewerOf } from "./policy";

export async function organizerTools(db: Db, actor: Actor, petitionId: string, now: Date = new Date()) {
  const petition = await findForOrganizer(db, actor, { id: petitionId }, "see its dashboard");
  const viewer = await viewerOf(db, actor, petition, { organizer: true });
  return {
    close: can(viewer, petition, "close", now),
    deliver: can(viewer, petition, "deliver", now),
    /** Updates go to signers, so only once the petition is public (as postOrganizerUpdate checks). */
    update: petition.state === "open" || petition.state === "closed",
  };
}
