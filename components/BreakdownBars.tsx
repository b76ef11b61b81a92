import type { Breakdown } from "@/lib/privacy/k-anonymity";
import { formatCount } from "./format";

/**
 * A k-anonymous breakdown as a bar chart that is also its own accessible table: each row has the
 * group, a bar (hidden from assistive technology, which reads the number) and the count with its
 * share of the breakdown's total (decision 022).
 */
export function BreakdownBars({ title, b, k, testId }: { title: string; b: Breakdown; k: number; testId: string }) {
  if (b.suppressed || b.total === 0) {
    return (
      <div>
        <h3 className="text-lg font-semibold">{title}</h3>
        <p className="mt-1 text-sm text-muted">Fewer than {k} named signatures before today: nothing to show yet.</p>
      </div>
    );
  }
  const rows = [...b.groups.map((g) => ({ name: g.name, count: g.count })), ...(b.other > 0 ? [{ name: `Other (groups under ${k})`, count: b.other }] : [])];
  const max = Math.max(...rows.map((r) => r.count), 1);
  return (
    <table className="w-full table-fixed text-sm" data-testid={testId}>
      <caption className="mb-2 text-left text-lg font-semibold">{title}</caption>
      <thead className="sr-only">
        <tr><th scope="col">Group</th><th scope="col">Share</th><th scope="col">Signatures</th></tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name} className="align-middle">
            <th scope="row" className="w-2/5 truncate py-1 pr-2 text-left font-normal" title={r.name}>{r.name}</th>
            <td className="py-1" aria-hidden="true">
              <div className="h-4 rounded-sm bg-brand" style={{ width: `${Math.max(2, Math.round((r.count / max) * 100))}%` }} />
            </td>
            <td className="w-24 py-1 pl-2 text-right tabular-nums" data-count={r.count}>
              {formatCount(r.count)} <span className="text-muted">({Math.round((r.count / b.total) * 100)}%)</span>
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="border-t border-gray-300 font-semibold">
          <th scope="row" className="py-1 text-left">Total</th>
          <td aria-hidden="true" />
          <td className="py-1 pl-2 text-right tabular-nums" data-count={b.total}>{formatCount(b.total)}</td>
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
  const namedToday = Math.max(0, named - breakdownTotal);
  if (suppressed) {
    return (
      <p className="max-w-3xl" data-testid="totals-explained">
        The petition has <strong>{formatCount(headline)}</strong> signatures. The bars below show groups only once at least {k} people have signed by name before today, so they are empty for now.
      </p>
    );
  }
  return (
    <p className="max-w-3xl" data-testid="totals-explained">
      The petition has <strong>{formatCount(headline)}</strong> signatures; the bars below count <strong>{formatCount(breakdownTotal)}</strong> of them.
      The other {formatCount(anonymous + namedToday)} are {formatCount(anonymous)} anonymous {anonymous === 1 ? "signature" : "signatures"}, which are never broken down,
      and {formatCount(namedToday)} named {namedToday === 1 ? "signature" : "signatures"} from today, which appear here tomorrow.
    </p>
  );
}
