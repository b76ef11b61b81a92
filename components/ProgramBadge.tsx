import { STATUS_LABELS, type ProgramStatus } from "@/lib/programs";

const STYLES: Record<ProgramStatus, string> = {
  proposed: "bg-gray-100 text-gray-800 ring-gray-300",
  active: "bg-red-50 text-red-900 ring-red-300",
  paused: "bg-amber-50 text-amber-900 ring-amber-300",
  ended: "bg-slate-100 text-slate-800 ring-slate-300",
};

export function ProgramStatusBadge({ status }: { status: ProgramStatus }) {
  return <span className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ${STYLES[status]}`}>{STATUS_LABELS[status]}</span>;
}
