"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { initialActionState, type ActionState } from "@/lib/http/action-state";
import { FormMessage, FormSummary } from "./FormMessage";
import type { ProgramStatus } from "@/lib/programs/status";
import { useBodyLimit } from "./useBodyLimit";

// The recorded statuses and consent models, spelt here rather than imported: lib/programs pulls zod
// and the server's modules into the browser's bundle.
const STATUSES = ["proposed", "active", "paused", "ended"] as const satisfies readonly ProgramStatus[];
const CONSENT_MODELS = ["opt-in", "opt-out", "mandatory"] as const;

export type ProgramFormValues = {
  name: string;
  slug: string;
  owningTeam: string;
  purpose: string;
  collects: string;
  retention: string;
  dataAccess: string;
  consentModel: string;
  status: string;
  policyText: string;
  startedOn: string;
  endedOn: string;
};

const input = "mt-1 block w-full rounded-md border border-gray-400 bg-white px-3 py-2 aria-[invalid=true]:border-red-600";

export function ProgramForm({
  action,
  defaults,
  submitLabel,
  currentSlug,
}: {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  defaults: ProgramFormValues;
  submitLabel: string;
  currentSlug?: string;
}) {
  const t = useTranslations("ProgramForm");
  const consentName = useTranslations("ConsentModel");
  const statusName = useTranslations("ProgramStatus");
  const [result, formAction, pending] = useActionState(action, initialActionState);
  const { onSubmit, state } = useBodyLimit(result);
  const v = (k: string) => state.values?.[k] ?? (defaults as Record<string, string>)[k] ?? "";
  const err = (k: string) => state.fields?.[k];
  const field = (name: string, label: string, control: (props: { id: string; name: string; defaultValue: string; "aria-invalid": boolean; "aria-describedby"?: string; className: string }) => React.ReactNode, hint?: string) => (
    <div>
      <label htmlFor={name} className="block font-semibold">{label}</label>
      {hint && <p id={`${name}-hint`} className="text-sm text-muted">{hint}</p>}
      {control({ id: name, name, defaultValue: v(name), "aria-invalid": Boolean(err(name)), "aria-describedby": err(name) ? `${name}-error` : hint ? `${name}-hint` : undefined, className: input })}
      {err(name) && <p id={`${name}-error`} className="mt-1 text-sm font-medium text-red-700">{err(name)}</p>}
    </div>
  );
  return (
    <form action={formAction} onSubmit={onSubmit} className="grid gap-5" noValidate key={JSON.stringify(state.values ?? {})}>
      {currentSlug && <input type="hidden" name="currentSlug" value={currentSlug} />}
      <FormSummary state={state} fieldIds={Object.fromEntries(Object.keys(state.fields ?? {}).map((k) => [k, k]))} />
      {field("name", t("name"), (p) => <input {...p} required maxLength={120} />)}
      {field("slug", t("slug"), (p) => <input {...p} maxLength={80} />, t("slugHint"))}
      {field("owningTeam", t("owningTeam"), (p) => <input {...p} required maxLength={120} />)}
      {field("purpose", t("purpose"), (p) => <textarea {...p} rows={3} required maxLength={2000} />)}
      {field("collects", t("collects"), (p) => <textarea {...p} rows={3} required maxLength={2430} />, t("collectsHint"))}
      {field("retention", t("retention"), (p) => <input {...p} required maxLength={300} />)}
      {field("dataAccess", t("dataAccess"), (p) => <textarea {...p} rows={2} required maxLength={1000} />)}
      <div className="grid gap-5 sm:grid-cols-2">
        {field("consentModel", t("consentModel"), (p) => (
          <select {...p}>
            {CONSENT_MODELS.map((m) => <option key={m} value={m}>{consentName(m)}</option>)}
          </select>
        ))}
        {field("status", t("status"), (p) => (
          <select {...p}>
            {STATUSES.map((s) => <option key={s} value={s}>{statusName(s)}</option>)}
          </select>
        ))}
      </div>
      {field("statusReason", t("statusReason"), (p) => <input {...p} maxLength={500} />, t("statusReasonHint"))}
      {field("policyText", t("policyText"), (p) => <textarea {...p} rows={10} required maxLength={50000} />, t("policyTextHint"))}
      {field("versionNote", t("versionNote"), (p) => <input {...p} maxLength={300} />, t("versionNoteHint"))}
      <div className="grid gap-5 sm:grid-cols-2">
        {field("startedOn", t("startedOn"), (p) => <input {...p} type="date" />)}
        {field("endedOn", t("endedOn"), (p) => <input {...p} type="date" />)}
      </div>
      <div>
        <button type="submit" disabled={pending} className="rounded-lg bg-brand px-5 py-2.5 font-semibold text-white hover:bg-brand-dark disabled:opacity-60">
          {pending ? t("saving") : submitLabel}
        </button>
        <FormMessage state={state.fields ? { ok: false, message: t("correctFields") } : state} />
      </div>
    </form>
  );
}
