import Link from "next/link";
import { useTranslations } from "next-intl";
import type { PetitionSummary } from "@/lib/petitions/queries";
import { useFormat } from "./format";
import { ProgressBar } from "./ProgressBar";
import { translatedReason } from "@/lib/moderation/reasons";
import { ResponseBadge, StateBadge } from "./StateBadge";

export function PetitionCard({ petition, headingLevel = 3 }: { petition: PetitionSummary & { signaturesLast24h?: number }; headingLevel?: 2 | 3 }) {
  const t = useTranslations("PetitionCard");
  const reasonName = useTranslations("ModerationReason");
  const f = useFormat();
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
        <p className="mt-1 italic text-muted">{t("hidden", { reason: translatedReason(petition.hidden.reason, reasonName) })}</p>
      ) : (
        <p className="mt-1 text-muted">{petition.ask}</p>
      )}
      <div className="mt-3">
        <ProgressBar count={petition.signatureCount} goal={petition.goal} label={t("progress", { title: petition.title })} />
        <p className="mt-1 text-sm text-muted">
          {t.rich("count", { count: f.count(petition.signatureCount), goal: f.count(petition.goal), strong: (chunks) => <strong className="text-ink">{chunks}</strong> })}
          {petition.signaturesLast24h !== undefined && <> · {t("last24h", { count: f.count(petition.signaturesLast24h) })}</>}
          {petition.state === "open" && <> · {t("closes", { date: f.date(petition.closesAt) })}</>}
          {petition.state === "closed" && <> · {t("closed", { date: f.date(petition.closedAt ?? petition.closesAt) })}</>}
        </p>
      </div>
    </article>
  );
}
