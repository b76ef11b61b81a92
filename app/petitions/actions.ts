"use server";

import { msg } from "@/lib/i18n/message";
import { z } from "zod";
import type { ActionState } from "@/lib/http/action";
import { formAction, formId, formText } from "@/lib/http/form-action";
import { savedPath } from "@/lib/http/saved";
import { petitionSlugById } from "@/lib/petitions/access";
import {
  answerInvite,
  deliverPetition,
  inviteCoOrganizer,
  removeCoOrganizer,
  closePetition,
  createPetition,
  submitForCoSponsors,
  updateDraft,
} from "@/lib/petitions/commands";
import { signPetition, withdrawSignature } from "@/lib/signatures";

const petitionFields = z.object({
  title: formText,
  ask: formText,
  background: formText,
  addressedTo: formText,
  goal: formText,
  closesOn: formText,
  programId: formText,
});
const onePetition = z.object({ petitionId: formId("petition") });

/** The token field as the sign form sends it (JSON), or undefined; anything malformed is left for the domain to refuse. */
function tokenField(value: string | undefined): unknown {
  if (!value) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

export async function createPetitionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: petitionFields,
    rateLimit: "petition",
    run: ({ db, actor, input }) => createPetition(db, actor, input),
    changed: (p) => ({ petition: p, pages: ["my"] }),
    redirectTo: (p) => savedPath(`/petitions/${p.slug}`, "draft"),
  });
}

export async function updateDraftAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: petitionFields.extend(onePetition.shape),
    run: ({ db, actor, input: { petitionId, ...fields } }) => updateDraft(db, actor, petitionId, fields),
    changed: (p) => ({ petition: p, pages: ["my"] }),
    redirectTo: (p) => savedPath(`/petitions/${p.slug}`, "draft"),
  });
}

export async function submitForCoSponsorsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: onePetition,
    run: ({ db, actor, input }) => submitForCoSponsors(db, actor, input.petitionId),
    changed: (p) => ({ petition: p, pages: ["my", "home", "timeline"] }),
    message: (p) => (p.state === "open" ? msg("Actions.petitions.petitionOpenSignatures") : msg("Actions.petitions.submittedShareCo")),
  });
}

export async function closePetitionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: onePetition,
    run: ({ db, actor, input }) => closePetition(db, actor, input.petitionId),
    changed: (p) => ({ petition: p, pages: ["home", "timeline"] }),
    message: () => msg("Actions.petitions.petitionClosed"),
  });
}

export async function inviteCoOrganizerAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: onePetition.extend({ email: formText }),
    run: ({ db, actor, input }) => inviteCoOrganizer(db, actor, input.petitionId, { email: input.email }),
    changed: (invited) => ({ petition: invited.petition }),
    message: (invited) => msg("Actions.petitions.invited", { email: invited.email }),
  });
}

export async function answerInviteAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: onePetition.extend({ accept: formText }),
    run: async ({ db, actor, input }) => ({ accept: input.accept === "true", ...(await answerInvite(db, actor, input.petitionId, input.accept === "true")) }),
    changed: (answered) => ({ petition: answered.petition, pages: ["my"] }),
    message: ({ accept }) => (accept ? msg("Actions.petitions.coOrganizer") : msg("Actions.petitions.invitationDeclined")),
  });
}

export async function removeCoOrganizerAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: onePetition.extend({ userId: formId("person") }),
    run: ({ db, actor, input }) => removeCoOrganizer(db, actor, input.petitionId, input.userId),
    changed: (removed) => ({ petition: removed.petition }),
    message: () => msg("Actions.petitions.removed"),
  });
}

export async function deliverPetitionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: onePetition,
    run: ({ db, actor, input }) => deliverPetition(db, actor, input.petitionId),
    changed: (p) => ({ petition: p, pages: ["timeline"] }),
    message: () => msg("Actions.petitions.deliveredLeadershipTimeline"),
  });
}

export async function signAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: onePetition.extend({ visibility: formText, invite: formText, follow: formText, token: formText }),
    rateLimit: "sign",
    run: async ({ db, actor, input }) => {
      const result = await signPetition(db, actor, input.petitionId, {
        visibility: input.visibility,
        invite: input.invite || undefined,
        // An anonymous signature never follows (the checkbox is only offered with a name).
        follow: input.visibility === "named" && input.follow === "true",
        // The petition's signing token this browser holds, spent by the named signature (decision 018).
        token: tokenField(input.token),
      });
      return { result, petition: await petitionSlugById(db, result.petition.id) };
    },
    changed: ({ petition }) => ({ petition }),
    message: ({ result }) => {
      if (result.status === "already_signed") return msg("Actions.petitions.hadAlreadySigned");
      if (result.signature.coSponsor) {
        return result.petition.state === "open" ? msg("Actions.petitions.thankCoSponsorship") : msg("Actions.petitions.thankCoSponsoring");
      }
      return result.signature.visibility === "named" ? msg("Actions.petitions.thankNamePetition") : msg("Actions.petitions.thankSignatureCounted");
    },
  });
}

export async function withdrawAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, {
    input: onePetition,
    rateLimit: "sign",
    run: async ({ db, actor, input }) => {
      const result = await withdrawSignature(db, actor, input.petitionId);
      return { petition: await petitionSlugById(db, result.petition.id) };
    },
    changed: ({ petition }) => ({ petition }),
    message: () => msg("Actions.petitions.signatureWasWithdrawn"),
  });
}
