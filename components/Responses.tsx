import { useTranslations } from "next-intl";
import { editResponseAction, markKeptAction, markMissedAction, postResponseAction } from "@/app/responses/actions";
import { ActionForm, FormField } from "@/components/ActionForm";
import { useFormat } from "@/components/format";
import type { Actor, Role } from "@/lib/auth/actor";
import { PROGRAM_STATUSES, type ProgramStatus } from "@/lib/programs";
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
  const t = useTranslations("Responses");
  const statusName = useTranslations("ProgramStatus");
  const roleName = useTranslations("Roles");
  const role = (p: { role: string; roleKey: Role | null }) => (p.roleKey ? roleName(p.roleKey) : p.role);
  const person = (p: { name: string | null }) => p.name ?? t("removedAccount");
  const f = useFormat();
  const leader = actor?.role === "leadership";
  return (
    <section aria-labelledby="responses-heading" className="mt-10">
      <h2 id="responses-heading" className="text-2xl font-bold">{t("heading")}</h2>
      {responses.length === 0 ? (
        <p className="mt-2 text-muted">{t("none")}</p>
      ) : (
        <ol className="mt-4 grid gap-4" data-testid="responses">
          {responses.map((r) => (
            <li key={r.id}>
              <article className="rounded-xl border border-violet-200 bg-white p-4 shadow-sm">
                <p className="text-sm text-muted">
                  {r.author.name}, {role(r.author)} · <time dateTime={r.createdAt}>{f.date(r.createdAt)}</time>
                  {r.editedAt && (
                    <>
                      {" "}· <span className="font-semibold" data-testid="edited-by">{r.editedBy ? t("editedBy", { date: f.date(r.editedAt), name: person(r.editedBy), role: role(r.editedBy) }) : t("edited", { date: f.date(r.editedAt) })}</span>
                    </>
                  )}
                </p>
                {r.setStatus && <p className="mt-1 text-sm font-semibold">{t("setStatus", { status: (PROGRAM_STATUSES as readonly string[]).includes(r.setStatus) ? statusName(r.setStatus as ProgramStatus) : r.setStatus })}</p>}
                <div className="prose-user" dangerouslySetInnerHTML={{ __html: r.bodyHtml }} />
                {r.commitments.length > 0 && (
                  <div className="mt-3">
                    <h3 className="font-semibold">{t("commitments")}</h3>
                    <ul className="mt-1 grid gap-2" data-testid="commitments">
                      {r.commitments.map((c) => (
                        <li key={c.id} className="rounded-md border border-gray-200 p-2">
                          <span className={`mr-2 inline-block rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${COMMITMENT_STYLE[c.status]}`}>
                            {c.status === "open" ? t("due", { date: f.date(c.dueAt) }) : c.status === "kept" ? t("kept") : t("missed", { date: f.date(c.dueAt) })}
                          </span>
                          {c.text} <span className="text-sm text-muted">({c.ownerRole})</span>
                          {c.note && <p className="mt-1 text-sm" data-testid="commitment-note">{t(c.status === "missed" ? "missedNote" : "keptNote", { note: c.note })}</p>}
                          {leader && c.status === "open" && (
                            <ActionForm action={markKeptAction} hidden={{ commitmentId: c.id, path }} submitLabel={t("markKept")} variant="secondary">
                              <FormField id={`kept-${c.id}`} name="note" label={t("howKept")} labelClassName="mt-1 block text-sm">
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
                    <summary className="cursor-pointer text-sm font-medium text-brand">{t("earlier", { count: f.count(r.revisions.length) })}</summary>
                    <ol className="mt-2 grid gap-2">
                      {r.revisions.map((v, i) => (
                        <li key={i} className="rounded-md bg-gray-50 p-2 text-sm">
                          <p className="text-muted">{v.correctedBy ? t("publishedCorrected", { date: f.date(v.createdAt), name: person(v.correctedBy), role: role(v.correctedBy) }) : t("published", { date: f.date(v.createdAt) })}</p>
                          <div className="prose-user" dangerouslySetInnerHTML={{ __html: v.bodyHtml }} />
                        </li>
                      ))}
                    </ol>
                  </details>
                )}
                {leader && (
                  <details className="mt-3">
                    <summary className="cursor-pointer text-sm font-medium text-brand">{t("correct")}</summary>
                    <p className="mt-1 text-sm text-muted">{actor && r.author.name !== actor.name ? t("correctionBeside", { name: r.author.name }) : t("correction")}</p>
                    <ActionForm action={editResponseAction} hidden={{ responseId: r.id, path }} submitLabel={t("publishCorrection")} variant="secondary">
                      <FormField id={`edit-${r.id}`} name="body" label={t("correctedText")} labelClassName="mt-2 block text-sm">
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
  const t = useTranslations("Responses");
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-sm font-medium text-brand">{t("recordMissed")}</summary>
      <ActionForm action={markMissedAction} hidden={{ commitmentId: id }} submitLabel={t("markMissed")} variant="danger">
        <FormField id={`missed-${id}`} name="reason" label={t("whyMissed")} labelClassName="mt-1 block text-sm">
          <input id={`missed-${id}`} name="reason" required minLength={5} maxLength={500} className="mt-1 block w-full rounded-md border border-gray-400 px-2 py-1 aria-[invalid=true]:border-red-600" />
        </FormField>
      </ActionForm>
    </details>
  );
}

function RespondForm({ path, target }: { path: string; target: { petitionId: string } | { programSlug: string } }) {
  const t = useTranslations("Responses");
  const statusName = useTranslations("ProgramStatus");
  const input = "mt-1 block w-full rounded-md border border-gray-400 bg-white px-3 py-2 aria-[invalid=true]:border-red-600";
  return (
    <details id="respond" className="mt-4 scroll-mt-4 rounded-xl border border-violet-300 bg-violet-50/40 p-4" open>
      <summary className="cursor-pointer font-semibold">{t("post")}</summary>
      <ActionForm action={postResponseAction} hidden={{ path, ...target }} submitLabel={t("publish")}>
        <FormField id="response-body" name="body" label={t("response")} labelClassName="mt-3 block font-medium" hint={t("responseHint")}>
          <textarea id="response-body" name="body" rows={6} required maxLength={20000} className={input} />
        </FormField>
        {"programSlug" in target && (
          <div className="mt-3 grid gap-3 sm:grid-cols-2">
            <FormField id="set-status" name="setStatus" label={t("changeStatus")} labelClassName="block font-medium">
              <select id="set-status" name="setStatus" defaultValue="" className={input}>
                <option value="">{t("noChange")}</option>
                {PROGRAM_STATUSES.map((s) => <option key={s} value={s}>{statusName(s)}</option>)}
              </select>
            </FormField>
            <FormField id="status-reason" name="statusReason" label={t("statusReason")} labelClassName="block font-medium" hint={t("statusReasonHint")}>
              <input id="status-reason" name="statusReason" maxLength={500} className={input} />
            </FormField>
          </div>
        )}
        <fieldset className="mt-3">
          <legend className="font-medium">{t("commitmentsOptional")}</legend>
          {[0, 1].map((i) => (
            <div key={i} className="mt-2 grid gap-2 sm:grid-cols-[1fr_12rem_10rem]">
              <FormField id={`c-text-${i}`} name={`commitments.${i}.text`} label={t("what")} labelClassName="text-sm">
                <input id={`c-text-${i}`} name="commitmentText" maxLength={300} className={input} />
              </FormField>
              <FormField id={`c-owner-${i}`} name={`commitments.${i}.ownerRole`} label={t("owner")} labelClassName="text-sm">
                <input id={`c-owner-${i}`} name="commitmentOwner" maxLength={80} className={input} />
              </FormField>
              <FormField id={`c-due-${i}`} name={`commitments.${i}.dueOn`} label={t("dueLabel")} labelClassName="text-sm">
                <input id={`c-due-${i}`} name="commitmentDue" type="date" className={input} />
              </FormField>
            </div>
          ))}
        </fieldset>
      </ActionForm>
    </details>
  );
}
