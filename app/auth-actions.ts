"use server";

import { signIn, signOut } from "@/lib/auth";
import { safeRedirect } from "@/lib/auth/redirect";

export async function signInAsPersona(formData: FormData) {
  await signIn("dev", {
    email: String(formData.get("email") ?? ""),
    redirectTo: safeRedirect(formData.get("callbackUrl")),
  });
}

export async function signInWithSso(formData: FormData) {
  await signIn("oidc", { redirectTo: safeRedirect(formData.get("callbackUrl")) });
}

export async function signOutAction() {
  await signOut({ redirectTo: "/" });
}
