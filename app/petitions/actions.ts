"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { runAction, type ActionState } from "@/lib/http/action";
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
import { limitActor } from "@/lib/ratelimit";
import { signPetition, withdrawSignature } from "@/lib/signatures";

const petitionFields = (formData: FormData) => ({
  title: formData.get("title"),
  ask: formData.get("ask"),
  background: formData.get("background"),
  addressedTo: formData.get("addressedTo"),
  goal: formData.get("goal"),
  closesOn: formData.get("closesOn") ?? undefined,
  programId: formData.get("programId") ?? undefined,
});

/** The token field as the sign form sends it (JSON), or undefined; anything malformed is left for the domain to refuse. */
function tokenField(value: FormDataEntryValue | null): unknown {
  if (typeof value !== "string" || !value) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

const id = (formData: FormData) => String(formData.get("petitionId") ?? "");
const slug = (formData: FormData) => String(formData.get("slug") ?? "");

export async function createPetitionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  let created: { slug: string } | undefined;
  const state = await runAction(formData, async () => {
    const actor = await limitActor("petition", await getActor());
    created = await createPetition(db, actor, petitionFields(formData));
  });
  if (created) redirect(`/petitions/${created.slug}`);
  return state;
}

export async function updateDraftAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  let updated: { slug: string } | undefined;
  const state = await runAction(formData, async () => {
    updated = await updateDraft(db, await getActor(), id(formData), petitionFields(formData));
  });
  if (updated) redirect(`/petitions/${updated.slug}`);
  return state;
}

export async function submitForCoSponsorsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    const p = await submitForCoSponsors(db, await getActor(), id(formData));
    revalidatePath(`/petitions/${slug(formData)}`);
    return {
      ok: true,
      message: p.state === "open" ? "Your petition is open for signatures." : "Submitted. Share the co-sponsor link below.",
    };
  });
}

export async function closePetitionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    await closePetition(db, await getActor(), id(formData));
    revalidatePath(`/petitions/${slug(formData)}`);
    return { ok: true, message: "The petition is closed." };
  });
}

export async function inviteCoOrganizerAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    const invited = await inviteCoOrganizer(db, await getActor(), id(formData), { email: formData.get("email") });
    revalidatePath(`/petitions/${slug(formData)}`);
    return { ok: true, message: invited.message };
  });
}

export async function answerInviteAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    const accept = formData.get("accept") === "true";
    await answerInvite(db, await getActor(), id(formData), accept);
    revalidatePath("/my");
    return { ok: true, message: accept ? "You are now a co-organizer." : "Invitation declined." };
  });
}

export async function removeCoOrganizerAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    await removeCoOrganizer(db, await getActor(), id(formData), String(formData.get("userId") ?? ""));
    revalidatePath(`/petitions/${slug(formData)}`);
    return { ok: true, message: "Removed." };
  });
}

export async function deliverPetitionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    await deliverPetition(db, await getActor(), id(formData));
    revalidatePath(`/petitions/${slug(formData)}`);
    return { ok: true, message: "Delivered to leadership. It is on the timeline." };
  });
}

export async function signAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    const invite = formData.get("invite");
    const actor = await limitActor("sign", await getActor());
    const result = await signPetition(db, actor, id(formData), {
      visibility: formData.get("visibility"),
      invite: typeof invite === "string" && invite ? invite : undefined,
      // An anonymous signature never follows (the checkbox is only offered with a name).
      follow: formData.get("visibility") === "named" && formData.get("follow") === "true",
      // The petition's signing token this browser holds, spent by the named signature (decision 018).
      token: tokenField(formData.get("token")),
    });
    revalidatePath(`/petitions/${slug(formData)}`);
    if (result.status === "already_signed") return { ok: true, message: "You had already signed this petition." };
    if (result.signature.coSponsor) {
      return {
        ok: true,
        message:
          result.petition.state === "open"
            ? "Thank you. Your co-sponsorship opened the petition."
            : "Thank you for co-sponsoring.",
      };
    }
    return {
      ok: true,
      message:
        result.signature.visibility === "named"
          ? "Thank you. Your name is on the petition."
          : "Thank you. Your signature is counted anonymously.",
    };
  });
}

export async function withdrawAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    const actor = await limitActor("sign", await getActor());
    await withdrawSignature(db, actor, id(formData));
    revalidatePath(`/petitions/${slug(formData)}`);
    return { ok: true, message: "Your signature was withdrawn." };
  });
}
