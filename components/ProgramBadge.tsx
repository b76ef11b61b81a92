import { STATUS_NOW_LABELS, type ProgramStatusNow } from "@/lib/programs";

const STYLES: Record<ProgramStatusNow, string> = {
  proposed: "bg-gray-100 text-gray-800 ring-gray-300",
  not_started: "bg-gray-100 text-gray-800 ring-gray-300",
  active: "bg-red-50 text-red-900 ring-red-300",
  paused: "bg-amber-50 text-amber-900 ring-amber-300",
  ended: "bg-slate-100 text-slate-800 ring-slate-300",
};

/** A program's status as its dates say (programStatusNow): pass `statusNow`, never the recorded status. */
export function ProgramStatusBadge({ status }: { status: ProgramStatusNow }) {
  return <span className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ${STYLES[status]}`} data-testid="program-status">{STATUS_NOW_LABELS[status]}</span>;
}
