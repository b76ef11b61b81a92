import type { PetitionSummary } from "@/lib/petitions/queries";
import { formatDate } from "./format";

const LABELS: Record<PetitionSummary["state"], string> = {
  draft: "Draft",
  collecting: "Gathering co-sponsors",
  open: "Open",
  closed: "Closed",
};

const STYLES: Record<PetitionSummary["state"], string> = {
  draft: "bg-gray-100 text-gray-800 ring-gray-300",
  collecting: "bg-amber-50 text-amber-900 ring-amber-300",
  open: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  closed: "bg-slate-100 text-slate-800 ring-slate-300",
};

export function StateBadge({ state }: { state: PetitionSummary["state"] }) {
  return (
    <span className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ${STYLES[state]}`}>
      {LABELS[state]}
    </span>
  );
}

/** The response status; "Leadership responded" links to the response when `responseHref` is given. */
export function ResponseBadge({ petition, responseHref }: { petition: PetitionSummary; responseHref?: string }) {
  const { status, overdueDays } = petition.response;
  if (status === "due" && petition.responseDueAt) {
    return (
      <span className="inline-block rounded-full bg-blue-50 px-2.5 py-0.5 text-xs font-semibold text-blue-900 ring-1 ring-blue-300">
        Response due by {formatDate(petition.responseDueAt)}
      </span>
    );
  }
  if (status === "overdue") {
    return (
      <span className="inline-block rounded-full bg-red-50 px-2.5 py-0.5 text-xs font-semibold text-red-900 ring-1 ring-red-300">
        Response overdue by {overdueDays} {overdueDays === 1 ? "day" : "days"}
      </span>
    );
  }
  if (status === "responded") {
    const style = "inline-block rounded-full bg-violet-50 px-2.5 py-0.5 text-xs font-semibold text-violet-900 ring-1 ring-violet-300";
    return responseHref ? (
      <a href={responseHref} className={`${style} underline`}>Leadership responded</a>
    ) : (
      <span className={style}>Leadership responded</span>
    );
  }
  return null;
}
