"use server";

import { z } from "zod";
import { signIn, signOut } from "@/lib/auth";
import { safeRedirect } from "@/lib/auth/redirect";
import { formAction, formText } from "@/lib/http/form-action";

// Signing in and out change nothing a page shows before the redirect that follows, so they
// report no change; they go through the same helper so their fields are read the same way.
// signIn and signOut answer with a redirect (thrown), which the helper lets through.

export async function signInAsPersona(formData: FormData) {
  await formAction(formData, {
    input: z.object({ email: formText, callbackUrl: formText }),
    run: ({ input }) => signIn("dev", { email: input.email ?? "", redirectTo: safeRedirect(input.callbackUrl) }),
    changed: () => ({}),
  });
}

export async function signInWithSso(formData: FormData) {
  await formAction(formData, {
    input: z.object({ callbackUrl: formText }),
    run: ({ input }) => signIn("oidc", { redirectTo: safeRedirect(input.callbackUrl) }),
    changed: () => ({}),
  });
}

export async function signOutAction() {
  await formAction(new FormData(), {
    input: z.object({}),
    run: () => signOut({ redirectTo: "/" }),
    changed: () => ({}),
  });
}
