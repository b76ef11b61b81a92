import type { Metadata } from "next";
import Link from "next/link";
import { formatDate } from "@/components/format";
import { db } from "@/lib/db/server";
import { DomainError } from "@/lib/errors";
import { listModerationLog } from "@/lib/moderation";

export const metadata: Metadata = { title: "Moderation log" };
export const dynamic = "force-dynamic";

export default async function ModerationLogPage({ searchParams }: PageProps<"/moderation-log">) {
  const { cursor } = await searchParams;
  const page = await listModerationLog(db, { cursor: typeof cursor === "string" ? cursor : undefined }).catch((e: unknown) => {
    if (e instanceof DomainError) return { items: [], nextCursor: null };
    throw e;
  });
  return (
    <div>
      <h1 className="text-3xl font-bold">Moderation log</h1>
      <p className="mt-2 max-w-2xl text-muted">Every moderation action, in the open: what was hidden or restored, when, why, and by which role. Moderators act for the community; their names are not shown.</p>
      {page.items.length === 0 ? (
        <p className="mt-6">No moderation actions yet.</p>
      ) : (
        <div className="mt-6 overflow-x-auto" tabIndex={0} role="region" aria-label="Moderation log, scrolls sideways on narrow screens">
          <table className="w-full min-w-[40rem] text-sm" data-testid="moderation-log">
            <thead>
              <tr className="border-b text-left">
                <th scope="col" className="py-1 pr-3">When</th>
                <th scope="col" className="py-1 pr-3">What</th>
                <th scope="col" className="py-1 pr-3">Action</th>
                <th scope="col" className="py-1 pr-3">Reason</th>
                <th scope="col" className="py-1 pr-3">By</th>
                <th scope="col" className="py-1">Appeal</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((r) => (
                <tr key={r.id} className="border-b border-gray-100 align-top">
                  <td className="py-1 pr-3"><time dateTime={r.at}>{formatDate(r.at)}</time></td>
                  <td className="py-1 pr-3">{r.what}</td>
                  <td className="py-1 pr-3">{r.action === "hide" ? "Hidden" : r.targetType === "comment" ? "Hide undone" : "Restored"}</td>
                  <td className="py-1 pr-3"><strong>{r.reason}</strong>: {r.explanation}</td>
                  <td className="py-1 pr-3">{r.role === "admin" ? "An admin" : "A moderator"}</td>
                  <td className="py-1">{r.appeal ? (r.appeal.status === "pending" ? "Pending" : `${r.appeal.status === "overturned" ? "Granted" : "Refused"}: ${r.appeal.decision}`) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.nextCursor && <p className="mt-4"><Link href={`/moderation-log?cursor=${encodeURIComponent(page.nextCursor)}`} className="text-brand underline">Older</Link></p>}
    </div>
  );
}
