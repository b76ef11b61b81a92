"use client";

import { useEffect, useState } from "react";
import { followLive } from "./follow-live";
import { useFormat } from "./format";

/**
 * The petition's count, kept current without a reload: a Server-Sent Events stream delivers new
 * counts as they happen; while the stream is down, the cacheable count endpoint is polled instead.
 * The page keys this component by the server's count, so a fresh render starts from the newest.
 */
export function LiveCount({ petitionId, initial, pollMs = 5000 }: { petitionId: string; initial: number; pollMs?: number }) {
  const f = useFormat();
  const [count, setCount] = useState(initial);
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
