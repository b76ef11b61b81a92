import { formatCount } from "./format";

export function ProgressBar({ count, goal, label }: { count: number; goal: number; label: string }) {
  const percent = Math.min(100, Math.round((count / Math.max(goal, 1)) * 100));
  return (
    <div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={goal}
        aria-valuenow={Math.min(count, goal)}
        aria-valuetext={`${formatCount(count)} of ${formatCount(goal)} signatures`}
        className="h-3 w-full overflow-hidden rounded-full bg-gray-200"
      >
        <div className="h-full rounded-full bg-brand transition-[width]" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
