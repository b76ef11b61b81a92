"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { runAction, type ActionState } from "@/lib/http/action";
import { changeProgramStatus, editResponse, markCommitmentKept, markCommitmentMissed, postOrganizerUpdate, postResponse } from "@/lib/responses";

const path = (f: FormData) => String(f.get("path") ?? "/");

export async function postResponseAction(_prev: ActionState, f: FormData): Promise<ActionState> {
  return runAction(f, async () => {
    const texts = f.getAll("commitmentText").map(String);
    const owners = f.getAll("commitmentOwner").map(String);
    const dues = f.getAll("commitmentDue").map(String);
    const commitments = texts
      .map((text, i) => ({ text, ownerRole: owners[i] ?? "", dueOn: dues[i] ?? "" }))
      .filter((c) => c.text.trim() || c.ownerRole.trim() || c.dueOn.trim());
    const target = f.get("petitionId") ? { petitionId: String(f.get("petitionId")) } : { programSlug: String(f.get("programSlug") ?? "") };
    await postResponse(db, await getActor(), {
      target,
      body: f.get("body"),
      setStatus: f.get("setStatus") || undefined,
      statusReason: f.get("statusReason") || undefined,
      commitments,
    });
    revalidatePath(path(f));
    return { ok: true, message: "Your response is published." };
  });
}

export async function editResponseAction(_prev: ActionState, f: FormData): Promise<ActionState> {
  return runAction(f, async () => {
    await editResponse(db, await getActor(), String(f.get("responseId") ?? ""), { body: f.get("body") });
    revalidatePath(path(f));
    return { ok: true, message: "Corrected. The earlier text stays visible in the history." };
  });
}

export async function markKeptAction(_prev: ActionState, f: FormData): Promise<ActionState> {
  return runAction(f, async () => {
    await markCommitmentKept(db, await getActor(), String(f.get("commitmentId") ?? ""), { note: f.get("note") });
    revalidatePath(path(f));
    return { ok: true, message: "Marked kept." };
  });
}

export async function postUpdateAction(_prev: ActionState, f: FormData): Promise<ActionState> {
  return runAction(f, async () => {
    await postOrganizerUpdate(db, await getActor(), String(f.get("petitionId") ?? ""), { body: f.get("body") });
    revalidatePath(path(f));
    return { ok: true, message: "Update posted; followers are notified." };
  });
}

export async function markMissedAction(_prev: ActionState, f: FormData): Promise<ActionState> {
  return runAction(f, async () => {
    await markCommitmentMissed(db, await getActor(), String(f.get("commitmentId") ?? ""), { reason: f.get("reason") });
    revalidatePath(path(f));
    revalidatePath("/leadership");
    return { ok: true, message: "Marked missed, with your reason on the record." };
  });
}

export async function changeStatusAction(_prev: ActionState, f: FormData): Promise<ActionState> {
  return runAction(f, async () => {
    const slug = String(f.get("programSlug") ?? "");
    await changeProgramStatus(db, await getActor(), slug, { status: f.get("status"), reason: f.get("reason") });
    revalidatePath(`/programs/${slug}`);
    revalidatePath("/leadership");
    return { ok: true, message: "Status changed; the reason is on the program and the timeline." };
  });
}
