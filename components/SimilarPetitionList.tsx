import Link from "next/link";
import { formatCount, formatDate } from "./format";
import type { SimilarPetition } from "@/lib/petitions/similar";

/** Petitions that ask what a draft asks, each with a way to join it instead (docs/decisions/024). */
export function SimilarPetitionList({ petitions, id, className = "" }: { petitions: SimilarPetition[]; id: string; className?: string }) {
  if (petitions.length === 0) return null;
  return (
    <section aria-labelledby={id} className={`rounded-xl border border-amber-300 bg-amber-50 p-4 ${className}`} data-testid="similar-petitions">
      <h2 id={id} className="font-bold">Similar petitions already exist</h2>
      <p className="text-sm text-muted">Signing one of them makes it stronger than starting another.</p>
      <ul className="mt-3 grid gap-3">
        {petitions.map((p) => (
          <li key={p.slug}>
            <p className="font-semibold">{p.title}</p>
            <p className="text-sm">{p.ask}</p>
            <p className="text-sm">
              <Link href={`/petitions/${p.slug}`} className="font-semibold text-brand underline">
                {p.signable ? "Sign this one instead" : `See what came of it (closed on ${formatDate(p.closedOn)})`}
              </Link>{" "}
              <span className="text-muted">· {formatCount(p.signatureCount)} {p.signatureCount === 1 ? "signature" : "signatures"}</span>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
