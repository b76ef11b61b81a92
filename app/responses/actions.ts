"use server";

import { msg } from "@/lib/i18n/message";
import { z } from "zod";
import type { ActionState } from "@/lib/http/action";
import { formAction, formId, formText } from "@/lib/http/form-action";
import { changeProgramStatus, editResponse, markCommitmentKept, markCommitmentMissed, postOrganizerUpdate, postResponse } from "@/lib/responses";

const list = z.array(z.string()).default([]);

export async function postResponseAction(_prev: ActionState, f: FormData): Promise<ActionState> {
  return formAction(f, {
    input: z.object({
      petitionId: formText,
      programSlug: formText,
      body: formText,
      setStatus: formText,
      statusReason: formText,
      commitmentText: list,
      commitmentOwner: list,
      commitmentDue: list,
    }),
    lists: ["commitmentText", "commitmentOwner", "commitmentDue"],
    run: ({ db, actor, input }) => {
      const commitments = input.commitmentText
        .map((text, i) => ({ text, ownerRole: input.commitmentOwner[i] ?? "", dueOn: input.commitmentDue[i] ?? "" }))
        .filter((c) => c.text.trim() || c.ownerRole.trim() || c.dueOn.trim());
      const target = input.petitionId ? { petitionId: input.petitionId } : { programSlug: input.programSlug ?? "" };
      return postResponse(db, actor, {
        target,
        body: input.body,
        setStatus: input.setStatus || undefined,
        statusReason: input.statusReason || undefined,
        commitments,
      });
    },
    changed: (r) => ({ petition: r.petition, program: r.program, pages: ["timeline"] }),
    message: () => msg("Actions.responses.responsePublished"),
  });
}

export async function editResponseAction(_prev: ActionState, f: FormData): Promise<ActionState> {
  return formAction(f, {
    input: z.object({ responseId: formId("response"), body: formText }),
    run: ({ db, actor, input }) => editResponse(db, actor, input.responseId, { body: input.body }),
    changed: (r) => ({ petition: r.petition, program: r.program, pages: ["timeline"] }),
    message: () => msg("Actions.responses.correctedEarlierText"),
  });
}

export async function markKeptAction(_prev: ActionState, f: FormData): Promise<ActionState> {
  return formAction(f, {
    input: z.object({ commitmentId: formId("commitment"), note: formText }),
    run: ({ db, actor, input }) => markCommitmentKept(db, actor, input.commitmentId, { note: input.note }),
    changed: (r) => ({ ...r, pages: ["timeline"] }),
    message: () => msg("Actions.responses.markedKept"),
  });
}

export async function postUpdateAction(_prev: ActionState, f: FormData): Promise<ActionState> {
  return formAction(f, {
    input: z.object({ petitionId: formId("petition"), body: formText }),
    run: ({ db, actor, input }) => postOrganizerUpdate(db, actor, input.petitionId, { body: input.body }),
    changed: (u) => ({ petition: u.petition, pages: ["timeline"] }),
    message: () => msg("Actions.responses.updatePostedFollowers"),
  });
}

export async function markMissedAction(_prev: ActionState, f: FormData): Promise<ActionState> {
  return formAction(f, {
    input: z.object({ commitmentId: formId("commitment"), reason: formText }),
    run: ({ db, actor, input }) => markCommitmentMissed(db, actor, input.commitmentId, { reason: input.reason }),
    changed: (r) => ({ ...r, pages: ["timeline", "leadership"] }),
    message: () => msg("Actions.responses.markedMissedReason"),
  });
}

export async function changeStatusAction(_prev: ActionState, f: FormData): Promise<ActionState> {
  return formAction(f, {
    input: z.object({ programSlug: formId("program"), status: formText, reason: formText }),
    run: ({ db, actor, input }) => changeProgramStatus(db, actor, input.programSlug, { status: input.status, reason: input.reason }),
    changed: (r) => ({ ...r, pages: ["timeline", "leadership"] }),
    message: () => msg("Actions.responses.statusChangedReason"),
  });
}
