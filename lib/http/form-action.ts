import "server-only";
// The form-action helper bound to this server: the session's actor, the shared database and
// limiter, and Next.js's cache and redirect. Every server action goes through it (decision 020).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { requestLocale } from "@/lib/i18n/server";
import { limitActor } from "@/lib/ratelimit";
import { makeFormAction } from "./form-action-core";

export { formId, formText, type Changed } from "./form-action-core";

export const formAction = makeFormAction({ db, getActor, limitActor, revalidatePath, redirect, locale: requestLocale });

