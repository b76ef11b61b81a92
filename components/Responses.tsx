import { editResponseAction, markKeptAction, markMissedAction, postResponseAction } from "@/app/responses/actions";
import { ActionForm, FormField } from "@/components/ActionForm";
import { formatDate } from "@/components/format";
import type { Actor } from "@/lib/auth/actor";
import { PROGRAM_STATUSES, STATUS_LABELS } from "@/lib/programs";
import type { listResponses } from "@/lib/responses";

type ResponseView = Awaited<ReturnType<typeof listResponses>>[number];

const COMMITMENT_STYLE = {
  open: "bg-blue-50 text-blue-900 ring-blue-300",
  kept: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  missed: "bg-red-50 text-red-900 ring-red-300",
} as const;

export function Responses({
  responses,
  actor,
  path,
  target,
}: {
  responses: ResponseView[];
  actor: Actor | null;
  path: string;
  target: { petitionId: string } | { programSlug: string };
}) {
  const leader = actor?.role === "leadership";
  return (
    <section aria-labelledby="responses-heading" className="mt-10">
      <h2 id="responses-heading" className="text-2xl font-bold">Leadership&apos;s responses</h2>
      {responses.length === 0 ? (
        <p className="mt-2 text-muted">Leadership has not responded yet.</p>
      ) : (
        <ol className="mt-4 grid gap-4" data-testid="responses">
          {responses.map((r) => (
            <li key={r.id}>
              <article className="rounded-xl border border-violet-200 bg-white p-4 shadow-sm">
                <p className="text-sm text-muted">
                  {r.author.name}, {r.author.role} · <time dateTime={r.createdAt}>{formatDate(r.createdAt)}</time>
                  {r.editedAt && (
                    <>
                      {" "}· <span className="font-semibold" data-testid="edited-by">edited {formatDate(r.editedAt)}{r.editedBy && <> by {r.editedBy.name}, {r.editedBy.role}</>}</span>
                    </>
                  )}
                </p>
                {r.setStatus && <p className="mt-1 text-sm font-semibold">Set the program&apos;s status to {STATUS_LABELS[r.setStatus as keyof typeof STATUS_LABELS]}.</p>}
                <div className="prose-user" dangerouslySetInnerHTML={{ __html: r.bodyHtml }} />
                {r.commitments.length > 0 && (
                  <div className="mt-3">
                    <h3 className="font-semibold">Commitments</h3>
                    <ul className="mt-1 grid gap-2" data-testid="commitments">
                      {r.commitments.map((c) => (
                        <li key={c.id} className="rounded-md border border-gray-200 p-2">
                          <span className={`mr-2 inline-block rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${COMMITMENT_STYLE[c.status]}`}>
                            {c.status === "open" ? `Due ${formatDate(c.dueAt)}` : c.status === "kept" ? "Kept" : `Missed (was due ${formatDate(c.dueAt)})`}
                          </span>
                          {c.text} <span className="text-sm text-muted">({c.ownerRole})</span>
                          {c.note && <p className="mt-1 text-sm" data-testid="commitment-note">{c.status === "missed" ? "Why it was missed: " : "How it was kept: "}{c.note}</p>}
                          {leader && c.status === "open" && (
                            <ActionForm action={markKeptAction} hidden={{ commitmentId: c.id, path }} submitLabel="Mark kept" variant="secondary">
                              <FormField id={`kept-${c.id}`} name="note" label="How it was kept" labelClassName="mt-1 block text-sm">
                                <input id={`kept-${c.id}`} name="note" required minLength={5} maxLength={500} className="mt-1 block w-full rounded-md border border-gray-400 px-2 py-1 aria-[invalid=true]:border-red-600" />
                              </FormField>
                            </ActionForm>
                          )}
                          {leader && (c.status === "open" || (c.status === "missed" && !c.note)) && <MarkMissedForm id={c.id} />}
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
                {r.revisions.length > 0 && (
                  <details className="mt-3">
                    <summary className="cursor-pointer text-sm font-medium text-brand">Earlier versions ({r.revisions.length})</summary>
                    <ol className="mt-2 grid gap-2">
                      {r.revisions.map((v, i) => (
                        <li key={i} className="rounded-md bg-gray-50 p-2 text-sm">
                          <p className="text-muted">Published {formatDate(v.createdAt)}{v.correctedBy && <>; corrected by {v.correctedBy.name}, {v.correctedBy.role}</>}</p>
                          <div className="prose-user" dangerouslySetInnerHTML={{ __html: v.bodyHtml }} />
                        </li>
                      ))}
                    </ol>
                  </details>
                )}
                {leader && (
                  <details className="mt-3">
                    <summary className="cursor-pointer text-sm font-medium text-brand">Correct this response</summary>
                    <p className="mt-1 text-sm text-muted">The correction is published under your name and role{actor && r.author.name !== actor.name ? `, beside ${r.author.name}'s` : ""}; the earlier text stays visible.</p>
                    <ActionForm action={editResponseAction} hidden={{ responseId: r.id, path }} submitLabel="Publish correction" variant="secondary">
                      <FormField id={`edit-${r.id}`} name="body" label="Corrected text" labelClassName="mt-2 block text-sm">
                        <textarea id={`edit-${r.id}`} name="body" rows={5} maxLength={20000} defaultValue={r.body} className="mt-1 block w-full rounded-md border border-gray-400 px-3 py-2 aria-[invalid=true]:border-red-600" />
                      </FormField>
                    </ActionForm>
                  </details>
                )}
              </article>
            </li>
          ))}
        </ol>
      )}
      {leader && <RespondForm path={path} target={target} />}
    </section>
  );
}

/** Leadership records a miss with its public reason (before the date, or explaining one after it). */
export function MarkMissedForm({ id }: { id: string }) {
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-sm font-medium text-brand">Record it as missed</summary>
      <ActionForm action={markMissedAction} hidden={{ commitmentId: id }} submitLabel="Mark missed" variant="danger">
        <FormField id={`missed-${id}`} name="reason" label="Why it was missed (public)" labelClassName="mt-1 block text-sm">
          <input id={`missed-${id}`} name="reason" required minLength={5} maxLength={500} className="mt-1 block w-full rounded-md border border-gray-400 px-2 py-1 aria-[invalid=true]:border-red-600" />
        </FormField>
      </ActionForm>
    </details>
  );
}

function RespondForm({ path, target }: { path: string; target: { petitionId: string } | { programSlug: string } }) {
  const input = "mt-1 block w-full rounded-md border border-gray-400 bg-white px-3 py-2 aria-[invalid=true]:border-red-600";
  return (
    <details id="respond" className="mt-4 scroll-mt-4 rounded-xl border border-violet-300 bg-violet-50/40 p-4" open>
      <summary className="cursor-pointer font-semibold">Post an official response</summary>
      <ActionForm action={postResponseAction} hidden={{ path, ...target }} submitLabel="Publish response">
        <FormField id="response-body" name="body" label="Response" labelClassName="mt-3 block font-medium" hint="At least 10 characters. Markdown works.">
          <textarea id="response-body" name="body" rows={6} required maxLength={20000} className={input} />
        </FormField>
        {"programSlug" in target && (
          <div className="mt-3 grid gap-3 sm:grid-cols-2">
            <FormField id="set-status" name="setStatus" label="Change the program's status" labelClassName="block font-medium">
              <select id="set-status" name="setStatus" defaultValue="" className={input}>
                <option value="">No change</option>
                {PROGRAM_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
              </select>
            </FormField>
            <FormField id="status-reason" name="statusReason" label="Public reason for the change" labelClassName="block font-medium" hint="Needed when the status changes.">
              <input id="status-reason" name="statusReason" maxLength={500} className={input} />
            </FormField>
          </div>
        )}
        <fieldset className="mt-3">
          <legend className="font-medium">Commitments (optional)</legend>
          {[0, 1].map((i) => (
            <div key={i} className="mt-2 grid gap-2 sm:grid-cols-[1fr_12rem_10rem]">
              <FormField id={`c-text-${i}`} name={`commitments.${i}.text`} label="What will be done" labelClassName="text-sm">
                <input id={`c-text-${i}`} name="commitmentText" maxLength={300} className={input} />
              </FormField>
              <FormField id={`c-owner-${i}`} name={`commitments.${i}.ownerRole`} label="Owner role" labelClassName="text-sm">
                <input id={`c-owner-${i}`} name="commitmentOwner" maxLength={80} className={input} />
              </FormField>
              <FormField id={`c-due-${i}`} name={`commitments.${i}.dueOn`} label="Due" labelClassName="text-sm">
                <input id={`c-due-${i}`} name="commitmentDue" type="date" className={input} />
              </FormField>
            </div>
          ))}
        </fieldset>
      </ActionForm>
    </details>
  );
}
