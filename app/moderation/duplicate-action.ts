"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { runAction, type ActionState } from "@/lib/http/action";
import { markDuplicate } from "@/lib/moderation/duplicates";

export async function markDuplicateAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(formData, async () => {
    await markDuplicate(db, await getActor(), { petition: formData.get("petition") ?? "", duplicateOf: formData.get("duplicateOf") ?? "" });
    revalidatePath("/petitions");
    revalidatePath("/moderation-log");
    return { ok: true, message: "Closed as a duplicate. Its followers are offered the other petition." };
  });
}
