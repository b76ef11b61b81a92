import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, redirect } from "next/navigation";
import { changeStatusAction, markKeptAction } from "@/app/responses/actions";
import { ActionForm, FormField } from "@/components/ActionForm";
import { formatCount, formatDate } from "@/components/format";
import { MarkMissedForm } from "@/components/Responses";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { roleCan } from "@/lib/petitions/policy";
import { listPrograms, PROGRAM_STATUSES, STATUS_LABELS, STATUS_NOW_LABELS } from "@/lib/programs";
import { listResponsesOwed } from "@/lib/responses";

export const metadata: Metadata = { title: "Responses owed" };
export const dynamic = "force-dynamic";

const due = (item: { overdueDays: number; words: string; dueAt: string }) => (
  <span className={item.overdueDays > 0 ? "font-semibold text-red-800" : ""} data-testid="due">
    Due {formatDate(item.dueAt)} · {item.words}
  </span>
);

export default async function LeadershipInboxPage() {
  const actor = await getActor();
  if (!actor) redirect("/signin?callbackUrl=%2Fleadership");
  if (!roleCan(actor, "responses.owed")) forbidden();
  const [owed, programs] = await Promise.all([listResponsesOwed(db, actor), listPrograms(db)]);
  const input = "mt-1 block h-9 w-full rounded-md border border-gray-400 bg-white px-2 py-1 aria-[invalid=true]:border-red-600";
  return (
    <div className="grid gap-10">
      <div>
        <h1 className="text-3xl font-bold">Responses owed</h1>
        <p className="mt-2 max-w-2xl text-muted">What leadership owes an answer to, soonest due first: petitions past the response threshold, and commitments still open.</p>
      </div>

      <section aria-labelledby="owed-petitions">
        <h2 id="owed-petitions" className="text-2xl font-bold">Petitions waiting for a response</h2>
        {owed.petitions.length === 0 ? (
          <p className="mt-2">No petition is waiting for a response.</p>
        ) : (
          <ul className="mt-3 grid gap-3" data-testid="owed-petitions">
            {owed.petitions.map((p) => (
              <li key={p.id} className="rounded-lg border border-gray-200 bg-white p-3">
                <Link href={`/petitions/${p.slug}#responses-heading`} className="font-semibold text-brand underline">{p.title}</Link>
                <p className="text-sm">{formatCount(p.signatures)} signatures (response threshold {formatCount(p.threshold)}) · {due(p)}</p>
                {/* Straight to the response form, wherever it sits on the petition page. */}
                <Link href={`/petitions/${p.slug}#respond`} className="mt-2 inline-block rounded-lg bg-brand px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-dark">
                  Write the response
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="owed-commitments">
        <h2 id="owed-commitments" className="text-2xl font-bold">Commitments due</h2>
        {owed.commitments.length === 0 ? (
          <p className="mt-2">No commitment is open.</p>
        ) : (
          <ul className="mt-3 grid gap-3" data-testid="owed-commitments">
            {owed.commitments.map((c) => (
              <li key={c.id} className="rounded-lg border border-gray-200 bg-white p-3">
                <p><span className="font-semibold">{c.text}</span> <span className="text-sm text-muted">({c.ownerRole})</span></p>
                <p className="text-sm">On <Link href={c.on.href} className="underline">{c.on.title}</Link> · {due(c)}</p>
                {c.overdueDays === 0 && (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-sm font-medium text-brand">Record it as kept</summary>
                    <ActionForm action={markKeptAction} hidden={{ commitmentId: c.id }} submitLabel="Mark kept" variant="secondary">
                      <FormField id={`kept-${c.id}`} name="note" label="How it was kept (public)" labelClassName="mt-1 block text-sm">
                        <input id={`kept-${c.id}`} name="note" required minLength={5} maxLength={500} className={input} />
                      </FormField>
                    </ActionForm>
                  </details>
                )}
                <MarkMissedForm id={c.id} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="program-status">
        <h2 id="program-status" className="text-2xl font-bold">Change a program&apos;s status</h2>
        <p className="mt-1 max-w-2xl text-sm text-muted">Without writing a full response. The reason is public, on the program and the timeline.</p>
        {programs.length === 0 ? (
          <p className="mt-2">No monitoring program is registered.</p>
        ) : (
          <ActionForm action={changeStatusAction} hidden={{}} submitLabel="Change status">
            <div className="mt-2 grid gap-3 sm:grid-cols-[1fr_10rem_1fr]">
              <FormField id="status-program" name="programSlug" label="Program" labelClassName="block text-sm font-medium">
                <select id="status-program" name="programSlug" className={input}>
                  {programs.map((p) => <option key={p.id} value={p.slug}>{p.name} (now {STATUS_NOW_LABELS[p.statusNow].toLowerCase()})</option>)}
                </select>
              </FormField>
              <FormField id="status-to" name="status" label="New status" labelClassName="block text-sm font-medium">
                <select id="status-to" name="status" className={input}>
                  {PROGRAM_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
                </select>
              </FormField>
              <FormField id="status-why" name="reason" label="Public reason" labelClassName="block text-sm font-medium">
                <input id="status-why" name="reason" required minLength={5} maxLength={500} className={input} />
              </FormField>
            </div>
          </ActionForm>
        )}
      </section>
    </div>
  );
}
