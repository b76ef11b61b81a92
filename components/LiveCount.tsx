"use client";

import { useEffect, useState } from "react";

/**
 * The petition's count, refreshed from the cacheable count endpoint while the page is visible,
 * so the number moves without a reload. The page keys it by the server's count, so a fresh
 * server render starts it again from the newest number.
 */
export function LiveCount({ petitionId, initial, intervalMs = 5000 }: { petitionId: string; initial: number; intervalMs?: number }) {
  const [count, setCount] = useState(initial);
  useEffect(() => {
    let stopped = false;
    const tick = async () => {
      if (document.visibilityState !== "visible") return;
      try {
        const res = await fetch(`/api/petitions/${petitionId}/count`, { cache: "no-store" });
        if (res.ok && !stopped) setCount(((await res.json()) as { signatureCount: number }).signatureCount);
      } catch {
        // Offline for a moment; the next tick tries again.
      }
    };
    const timer = setInterval(tick, intervalMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [petitionId, intervalMs]);
  return (
    <span data-testid="signature-count" aria-live="polite" aria-atomic="true">
      {count.toLocaleString("en")}
    </span>
  );
}
