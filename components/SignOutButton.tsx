"use client";

import { useRef } from "react";
import { signOutAction } from "@/app/auth-actions";
import { forgetAccount } from "./anonymous/wallet";

/** Signs out after removing this account's anonymous tokens from the browser. */
export function SignOutButton({ accountId }: { accountId: string }) {
  const form = useRef<HTMLFormElement>(null);
  const cleared = useRef(false);
  return (
    <form
      ref={form}
      action={signOutAction}
      onSubmit={(e) => {
        if (cleared.current) return;
        e.preventDefault();
        forgetAccount(accountId)
          .catch(() => undefined)
          .finally(() => {
            cleared.current = true;
            form.current?.requestSubmit();
          });
      }}
    >
      <button type="submit" className="rounded-md border border-gray-300 px-3 py-1.5 hover:bg-gray-50">
        Sign out
      </button>
    </form>
  );
}
