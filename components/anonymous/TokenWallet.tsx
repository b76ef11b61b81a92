"use client";

import { useEffect } from "react";
import { loadSignWallet } from "./sign-wallet";
import { loadWallet } from "./wallet";

/**
 * Mounted for signed-in people on every page: collects the week's comment tokens and the signing token of every open petition in the background and
 * sends again any comment this browser has not yet seen published.
 */
export function TokenWallet({ accountId }: { accountId: string }) {
  useEffect(() => {
    Promise.all([loadWallet(accountId), loadSignWallet(accountId)])
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
