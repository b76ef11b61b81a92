import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/http/action";

/** Announces an action's result to screen readers and shows it near the form. */
export function FormMessage({ state, id }: { state: ActionState; id?: string }) {
  if (!state.message) return <div id={id} aria-live="polite" />;
  return (
    <div
      id={id}
      role={state.ok ? "status" : "alert"}
      className={`mt-3 rounded-md border p-3 text-sm ${state.ok ? "border-emerald-300 bg-emerald-50 text-emerald-900" : "border-red-300 bg-red-50 text-red-900"}`}
    >
      {state.message}
    </div>
  );
}

/**
 * The summary at the top of a form that was refused field by field: each field's message (they
 * name the field in words), linking to the field when the form says where it is.
 */
export function FormSummary({ state, fieldIds = {} }: { state: ActionState; fieldIds?: Record<string, string> }) {
  const t = useTranslations("FormMessage");
  const fields = Object.entries(state.fields ?? {});
  if (state.ok || fields.length === 0) return null;
  return (
    <div role="alert" data-testid="form-summary" className="mb-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
      <p className="font-semibold">{t("correct", { count: fields.length })}</p>
      <ul className="mt-1 list-disc pl-5">
        {fields.map(([name, message]) => (
          <li key={name}>{fieldIds[name] ? <a href={`#${fieldIds[name]}`} className="underline">{message}</a> : message}</li>
        ))}
      </ul>
    </div>
  );
}
