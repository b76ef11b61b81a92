import Link from "next/link";
import type { PetitionSummary } from "@/lib/petitions/queries";
import { formatCount, formatDate } from "./format";
import { ProgressBar } from "./ProgressBar";
import { ResponseBadge, StateBadge } from "./StateBadge";

export function PetitionCard({ petition, headingLevel = 3 }: { petition: PetitionSummary & { signaturesLast24h?: number }; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="h-full rounded-xl border border-gray-200 bg-white p-4 shadow-sm">
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <StateBadge state={petition.state} />
        <ResponseBadge petition={petition} />
      </div>
      <Heading className="text-lg font-bold leading-snug">
        <Link href={`/petitions/${petition.slug}`} className="hover:underline">
          {petition.title}
        </Link>
      </Heading>
      {petition.hidden ? (
        <p className="mt-1 italic text-muted">Hidden by a moderator: {petition.hidden.reason}</p>
      ) : (
        <p className="mt-1 text-muted">{petition.ask}</p>
      )}
      <div className="mt-3">
        <ProgressBar count={petition.signatureCount} goal={petition.goal} label={`Progress of “${petition.title}”`} />
        <p className="mt-1 text-sm text-muted">
          <strong className="text-ink">{formatCount(petition.signatureCount)}</strong> of {formatCount(petition.goal)} signatures
          {petition.signaturesLast24h !== undefined && <> · {formatCount(petition.signaturesLast24h)} in the last 24 hours</>}
          {petition.state === "open" && <> · closes {formatDate(petition.closesAt)}</>}
          {petition.state === "closed" && <> · closed {formatDate(petition.closedAt ?? petition.closesAt)}</>}
        </p>
      </div>
    </article>
  );
}
