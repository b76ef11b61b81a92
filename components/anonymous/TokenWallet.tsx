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
      })
      .finally(() => {
        // Lets tests (and anything else) know the background collection has settled.
        document.documentElement.dataset.tokens = "ready";
      });
  }, [accountId]);
  return null;
}
