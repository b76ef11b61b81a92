"use client";

import { useEffect } from "react";
import { ensureWeeklyTokens } from "./wallet";

/** Mounted for signed-in people on every page: collects the week's tokens in the background. */
export function TokenWallet({ accountId }: { accountId: string }) {
  useEffect(() => {
    ensureWeeklyTokens(accountId)
      .then(() => window.dispatchEvent(new Event("undersigned:tokens")))
      .catch(() => {
        // Offline or storage unavailable: the composer explains if someone tries to post.
      });
  }, [accountId]);
  return null;
}
