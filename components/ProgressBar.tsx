import { useTranslations } from "next-intl";
import { useFormat } from "./format";

/**
 * Progress toward a goal, with an optional milestone marked on the bar (the number of signatures
 * at which leadership must respond). Marks carry text, not colour alone.
 */
export function ProgressBar({
  count,
  goal,
  label,
  threshold,
  unit = "signatures",
}: {
  count: number;
  goal: number;
  label: string;
  /** Leadership must respond at this many; marked on the bar when below the goal. */
  threshold?: number;
  unit?: "signatures" | "co-sponsors";
}) {
  const t = useTranslations("ProgressBar");
  const f = useFormat();
  const safeGoal = Math.max(goal, 1);
  const percent = Math.min(100, Math.round((count / safeGoal) * 100));
  const mark = threshold && threshold < goal ? Math.max(0, Math.min(100, (threshold / safeGoal) * 100)) : null;
  return (
    <div>
      <div className="relative">
        <div
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={goal}
          aria-valuenow={Math.min(count, goal)}
          aria-valuetext={t(unit === "co-sponsors" ? "coSponsors" : "signatures", { count: f.count(count), goal: f.count(goal), reached: count >= goal ? "yes" : "no" })}
          className="h-3 w-full overflow-hidden rounded-full bg-gray-200"
        >
          <div className="h-full rounded-full bg-brand transition-[width]" style={{ width: `${percent}%` }} />
        </div>
        {mark !== null && (
          <span aria-hidden="true" data-testid="threshold-mark" className="absolute -top-1 h-5 w-0.5 bg-gray-900" style={{ left: `${mark}%` }} />
        )}
      </div>
      {threshold !== undefined && (
      <div className="relative mt-1 h-4 text-xs text-muted" data-testid="progress-marks">
        {mark !== null && (
          <span className="absolute whitespace-nowrap" style={{ left: `${mark}%`, transform: mark > 60 ? "translateX(-100%)" : mark > 15 ? "translateX(-50%)" : undefined }}>
            {t("responseAt", { count: f.count(threshold!) })}
          </span>
        )}
        <span className="absolute right-0 whitespace-nowrap">{t("goal", { count: f.count(goal) })}</span>
      </div>
      )}
    </div>
  );
}
