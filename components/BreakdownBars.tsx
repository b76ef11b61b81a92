import { useTranslations } from "next-intl";
import type { Breakdown } from "@/lib/privacy/k-anonymity";
import { useFormat } from "./format";

/**
 * A k-anonymous breakdown as a bar chart that is also its own accessible table: each row has the
 * group, a bar (hidden from assistive technology, which reads the number) and the count with its
 * share of the breakdown's total (decision 022).
 */
export function BreakdownBars({ title, b, k, testId }: { title: string; b: Breakdown; k: number; testId: string }) {
  const t = useTranslations("BreakdownBars");
  const f = useFormat();
  if (b.suppressed || b.total === 0) {
    return (
      <div>
        <h3 className="text-lg font-semibold">{title}</h3>
        <p className="mt-1 text-sm text-muted">{t("suppressed", { k: f.count(k) })}</p>
      </div>
    );
  }
  const rows = [...b.groups.map((g) => ({ name: g.name, count: g.count })), ...(b.other > 0 ? [{ name: t("other", { k: f.count(k) }), count: b.other }] : [])];
  const max = Math.max(...rows.map((r) => r.count), 1);
  return (
    <table className="w-full table-fixed text-sm" data-testid={testId}>
      <caption className="mb-2 text-left text-lg font-semibold">{title}</caption>
      <thead className="sr-only">
        <tr><th scope="col">{t("group")}</th><th scope="col">{t("share")}</th><th scope="col">{t("signatures")}</th></tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name} className="align-middle">
            <th scope="row" className="w-2/5 truncate py-1 pr-2 text-left font-normal" title={r.name}>{r.name}</th>
            <td className="py-1" aria-hidden="true">
              <div className="h-4 rounded-sm bg-brand" style={{ width: `${Math.max(2, Math.round((r.count / max) * 100))}%` }} />
            </td>
            <td className="w-24 py-1 pl-2 text-right tabular-nums" data-count={r.count}>
              {f.count(r.count)} <span className="text-muted">{t("percent", { percent: f.count(Math.round((r.count / b.total) * 100)) })}</span>
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="border-t border-gray-300 font-semibold">
          <th scope="row" className="py-1 text-left">{t("total")}</th>
          <td aria-hidden="true" />
          <td className="py-1 pl-2 text-right tabular-nums" data-count={b.total}>{f.count(b.total)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

/**
 * Why the headline count and a breakdown's total differ, in plain words beside them: the
 * breakdowns count named signatures made before today; anonymous ones are never broken down.
 */
export function TotalsExplained({ headline, breakdownTotal, named, anonymous, k, suppressed }: { headline: number; breakdownTotal: number; named: number; anonymous: number; k: number; suppressed: boolean }) {
  const t = useTranslations("TotalsExplained");
  const f = useFormat();
  const namedToday = Math.max(0, named - breakdownTotal);
  const strong = (chunks: React.ReactNode) => <strong>{chunks}</strong>;
  if (suppressed) {
    return (
      <p className="max-w-3xl" data-testid="totals-explained">
        {t.rich("suppressed", { strong, headline: f.count(headline), headlineCount: headline, k: f.count(k) })}
      </p>
    );
  }
  return (
    <p className="max-w-3xl" data-testid="totals-explained">
      {t.rich("explained", {
        strong,
        headline: f.count(headline),
        headlineCount: headline,
        breakdownTotal: f.count(breakdownTotal),
        other: f.count(anonymous + namedToday),
        anonymous: f.count(anonymous),
        anonymousCount: anonymous,
        namedToday: f.count(namedToday),
        namedTodayCount: namedToday,
      })}
    </p>
  );
}
