import type { ReactNode } from "react";

/**
 * A box that scrolls sideways on a narrow screen (a wide table on a phone). It takes focus and is
 * a named region, so a keyboard can scroll it and a screen reader says what it holds (WCAG 2.1.1;
 * axe's scrollable-region-focusable).
 */
export function ScrollRegion({ label, className = "", children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className={`overflow-x-auto ${className}`.trim()} tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
