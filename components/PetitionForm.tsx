"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { initialActionState, type ActionState } from "@/lib/http/action-state";
import { FormMessage, FormSummary } from "./FormMessage";
import { SimilarPetitions } from "./SimilarPetitions";
import { useBodyLimit } from "./useBodyLimit";

type Values = { title: string; ask: string; background: string; addressedTo: string; goal: string; closesOn: string; programId: string };

type Props = {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  defaults: Values;
  submitLabel: string;
  petitionId?: string;
  closingHint: string;
  programs: { id: string; name: string }[];
};

const input = "mt-1 block w-full rounded-md border border-gray-400 bg-white px-3 py-2 aria-[invalid=true]:border-red-600";

export function PetitionForm({ action, defaults, submitLabel, petitionId, closingHint, programs }: Props) {
  const t = useTranslations("PetitionForm");
  const [result, formAction, pending] = useActionState(action, initialActionState);
  const { onSubmit, state } = useBodyLimit(result);
  const value = (k: keyof Values) => state.values?.[k] ?? defaults[k];
  const field = (name: keyof Values, label: string, hint: string, control: React.ReactNode) => {
    const error = state.fields?.[name];
    return (
      <div>
        <label htmlFor={name} className="block font-semibold">{label}</label>
        <p id={`${name}-hint`} className="text-sm text-muted">{hint}</p>
        {control}
        {error && <p id={`${name}-error`} className="mt-1 text-sm font-medium text-red-700">{error}</p>}
      </div>
    );
  };
  const describedBy = (name: keyof Values) => `${name}-hint${state.fields?.[name] ? ` ${name}-error` : ""}`;
  const invalid = (name: keyof Values) => Boolean(state.fields?.[name]);

  return (
    <form action={formAction} onSubmit={onSubmit} className="grid gap-5" noValidate>
      {petitionId && <input type="hidden" name="petitionId" value={petitionId} />}
      <FormSummary state={state} fieldIds={Object.fromEntries(Object.keys(state.fields ?? {}).map((k) => [k, k]))} />
      {field("title", t("title"), t("titleHint"),
        <input id="title" name="title" required minLength={10} maxLength={120} defaultValue={value("title")} key={`t${value("title")}`} aria-describedby={describedBy("title")} aria-invalid={invalid("title")} className={input} />)}
      <div>
        {field("ask", t("ask"), t("askHint"),
          <input id="ask" name="ask" required minLength={10} maxLength={280} defaultValue={value("ask")} key={`a${value("ask")}`} aria-describedby={describedBy("ask")} aria-invalid={invalid("ask")} className={input} />)}
        <SimilarPetitions excludeId={petitionId} />
      </div>
      {field("background", t("background"), t("backgroundHint"),
        <textarea id="background" name="background" required rows={10} maxLength={20000} defaultValue={value("background")} key={`b${value("background").length}`} aria-describedby={describedBy("background")} aria-invalid={invalid("background")} className={input} />)}
      {field("addressedTo", t("addressedTo"), t("addressedToHint"),
        <input id="addressedTo" name="addressedTo" required maxLength={120} defaultValue={value("addressedTo")} key={`d${value("addressedTo")}`} aria-describedby={describedBy("addressedTo")} aria-invalid={invalid("addressedTo")} className={input} />)}
      {field("programId", t("program"), t("programHint"),
        <select id="programId" name="programId" defaultValue={value("programId")} key={`p${value("programId")}`} aria-describedby={describedBy("programId")} aria-invalid={invalid("programId")} className={input}>
          <option value="">{t("noProgram")}</option>
          {programs.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>)}
      <div className="grid gap-5 sm:grid-cols-2">
        {field("goal", t("goal"), t("goalHint"),
          <input id="goal" name="goal" type="number" inputMode="numeric" min={10} max={1000000} required defaultValue={value("goal")} key={`g${value("goal")}`} aria-describedby={describedBy("goal")} aria-invalid={invalid("goal")} className={input} />)}
        {field("closesOn", t("closesOn"), closingHint,
          <input id="closesOn" name="closesOn" type="date" defaultValue={value("closesOn")} key={`c${value("closesOn")}`} aria-describedby={describedBy("closesOn")} aria-invalid={invalid("closesOn")} className={input} />)}
      </div>
      <div>
        <button type="submit" disabled={pending} className="rounded-lg bg-brand px-5 py-2.5 font-semibold text-white hover:bg-brand-dark disabled:opacity-60">
          {pending ? t("saving") : submitLabel}
        </button>
        <FormMessage state={state.ok ? state : { ...state, message: state.message && !state.fields ? state.message : state.fields ? t("correctFields") : undefined }} />
      </div>
    </form>
  );
}
