"use client";

import { useActionState } from "react";
import { initialActionState, type ActionState } from "@/lib/http/action";
import { FormMessage, FormSummary } from "./FormMessage";
import { useBodyLimit } from "./useBodyLimit";

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
      {field("name", "Name", (p) => <input {...p} required maxLength={120} />)}
      {field("slug", "Address", (p) => <input {...p} maxLength={80} />, "The last part of the page address; made from the name if empty.")}
      {field("owningTeam", "Owning team", (p) => <input {...p} required maxLength={120} />)}
      {field("purpose", "Purpose", (p) => <textarea {...p} rows={3} required maxLength={2000} />)}
      {field("collects", "What it collects", (p) => <textarea {...p} rows={3} required maxLength={2430} />, "One item per line or separated by commas, e.g. clicks, keystrokes, screen content.")}
      {field("retention", "Retention", (p) => <input {...p} required maxLength={300} />)}
      {field("dataAccess", "Who can access the data", (p) => <textarea {...p} rows={2} required maxLength={1000} />)}
      <div className="grid gap-5 sm:grid-cols-2">
        {field("consentModel", "Consent model", (p) => (
          <select {...p}>
            <option value="opt-in">Opt-in</option>
            <option value="opt-out">Opt-out</option>
            <option value="mandatory">Mandatory</option>
          </select>
        ))}
        {field("status", "Status", (p) => (
          <select {...p}>
            <option value="proposed">Proposed</option>
            <option value="active">Active</option>
            <option value="paused">Paused</option>
            <option value="ended">Ended</option>
          </select>
        ))}
      </div>
      {field("statusReason", "Reason for a status change", (p) => <input {...p} maxLength={500} />, "Required when the status changes; shown publicly in the status history.")}
      {field("policyText", "Policy text", (p) => <textarea {...p} rows={10} required maxLength={50000} />, "Markdown. Every change is kept as a version with a visible difference.")}
      {field("versionNote", "What changed in the policy", (p) => <input {...p} maxLength={300} />, "A short public note for the version history.")}
      <div className="grid gap-5 sm:grid-cols-2">
        {field("startedOn", "Started on", (p) => <input {...p} type="date" />)}
        {field("endedOn", "Ended on", (p) => <input {...p} type="date" />)}
      </div>
      <div>
        <button type="submit" disabled={pending} className="rounded-lg bg-brand px-5 py-2.5 font-semibold text-white hover:bg-brand-dark disabled:opacity-60">
          {pending ? "Saving…" : submitLabel}
        </button>
        <FormMessage state={state.fields ? { ok: false, message: "Please correct the fields marked above." } : state} />
      </div>
    </form>
  );
}
