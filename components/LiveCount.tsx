"use client";

import { useEffect, useState } from "react";
import { followLive } from "./follow-live";
import { useFormat } from "./format";
import { useFetchedCount } from "./personal/PersonalParts";

/**
 * The petition's count, kept current without a reload: a Server-Sent Events stream delivers new
 * counts as they happen; while the stream is down, the cacheable count endpoint is polled instead.
 * The page keys this component by the server's count, so a fresh render starts from the newest.
 * On a shared page served to someone signed in (`personal` false: the page was not rendered for
 * them), the count GET /api/me read replaces the page's, which may be seconds older (decision 035),
 * until the stream says more.
 */
export function LiveCount({ petitionId, initial, personal = false, pollMs = 5000 }: { petitionId: string; initial: number; personal?: boolean; pollMs?: number }) {
  const f = useFormat();
  const fetched = useFetchedCount(petitionId, personal);
  const [live, setCount] = useState<number | null>(null);
  const count = live ?? fetched ?? initial;
  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      if (document.visibilityState !== "visible") return;
      try {
        const res = await fetch(`/api/petitions/${petitionId}/count`, { cache: "no-store" });
        if (res.ok && !stopped) setCount(((await res.json()) as { signatureCount: number }).signatureCount);
      } catch {
        // Offline for a moment; the next tick tries again.
      }
    };
    const stop = followLive(
      `/api/stream?petition=${encodeURIComponent(petitionId)}`,
      {
        count: (data) => {
          const { id, signatureCount } = data as { id: string; signatureCount: number };
          if (id === petitionId && !stopped) setCount(signatureCount);
        },
      },
      poll,
      pollMs,
    );
    return () => {
      stopped = true;
      stop();
    };
  }, [petitionId, pollMs]);
  return (
    <span data-testid="signature-count" aria-live="polite" aria-atomic="true">
      {f.count(count)}
    </span>
  );
}
