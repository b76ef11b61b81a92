import Link from "next/link";
import type { TimelineItem } from "@/lib/timeline/queries";
import { formatDate } from "./format";


export function TimelineList({ items }: { items: TimelineItem[] }) {
  return (
    <ol className="grid gap-2">
      {items.map((e) => (
        <li key={e.id} className="flex flex-wrap gap-x-3 border-b border-gray-200 pb-2" data-kind={e.kind}>
          <time dateTime={e.at} className="w-36 shrink-0 text-sm text-muted">{formatDate(e.at)}</time>
          <span className="min-w-0 flex-1">
            <span className="mr-2 inline-block rounded bg-gray-100 px-1.5 py-0.5 text-xs font-semibold text-gray-800">{e.label}</span>
            {e.href ? <Link href={e.href} className="hover:underline">{e.summary}</Link> : e.summary}
          </span>
        </li>
      ))}
    </ol>
  );
}
