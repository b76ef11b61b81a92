import Link from "next/link";
import { useTranslations } from "next-intl";
import { useFormat } from "./format";
import type { SimilarPetition } from "@/lib/petitions/similar";

/** Petitions that ask what a draft asks, each with a way to join it instead (docs/decisions/024). */
export function SimilarPetitionList({ petitions, id, className = "" }: { petitions: SimilarPetition[]; id: string; className?: string }) {
  const t = useTranslations("SimilarPetitionList");
  const f = useFormat();
  if (petitions.length === 0) return null;
  return (
    <section aria-labelledby={id} className={`rounded-xl border border-amber-300 bg-amber-50 p-4 ${className}`} data-testid="similar-petitions">
      <h2 id={id} className="font-bold">{t("heading")}</h2>
      <p className="text-sm text-muted">{t("explain")}</p>
      <ul className="mt-3 grid gap-3">
        {petitions.map((p) => (
          <li key={p.slug}>
            <p className="font-semibold">{p.title}</p>
            <p className="text-sm">{p.ask}</p>
            <p className="text-sm">
              <Link href={`/petitions/${p.slug}`} className="font-semibold text-brand underline">
                {p.signable ? t("signInstead") : t("seeOutcome", { date: f.date(p.closedOn) })}
              </Link>{" "}
              <span className="text-muted">· {t("signatures", { count: p.signatureCount, formatted: f.count(p.signatureCount) })}</span>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
