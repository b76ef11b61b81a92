"use client";

import { useTranslations } from "next-intl";
import { createContext, startTransition, useActionState as useReactActionState, useContext, useEffect, useRef } from "react";
import { initialActionState, type ActionState } from "@/lib/http/action-state";
import { FormMessage, FormSummary } from "./FormMessage";
import { useBodyLimit } from "./useBodyLimit";

const FormState = createContext<{ state: ActionState }>({ state: initialActionState });

/**
 * A small form posting to a server action, with hidden fields and a live result message.
 *
 * What the person typed stays after any refusal: the form is sent from its submit handler
 * rather than by React's form action, which clears every field once the action answers. After a
 * success the form is cleared, unless `keepOnSuccess` (a form whose values are then the saved
 * ones: a role, the settings). Without JavaScript the form still posts to the action.
 */
export function ActionForm({
  action,
  hidden,
  children,
  submitLabel,
  pendingLabel,
  variant = "primary",
  confirm,
  keepOnSuccess = false,
}: {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  children?: React.ReactNode;
  submitLabel: string;
  pendingLabel?: string;
  variant?: "primary" | "secondary" | "danger";
  confirm?: string;
  keepOnSuccess?: boolean;
}) {
  const t = useTranslations("ActionForm");
  const [result, formAction, pending] = useActionState(action);
  const { onSubmit, state } = useBodyLimit(result);
  const form = useRef<HTMLFormElement>(null);
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current && result.ok && !keepOnSuccess) form.current?.reset();
    sent.current = false;
  }, [result, keepOnSuccess]);
  const styles = {
    primary: "bg-brand text-white hover:bg-brand-dark",
    secondary: "border border-gray-400 bg-white hover:bg-gray-50",
    danger: "border border-red-700 bg-white text-red-800 hover:bg-red-50",
  }[variant];
  return (
    <form
      ref={form}
      action={formAction}
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) return e.preventDefault();
        onSubmit(e);
        if (e.defaultPrevented) return;
        e.preventDefault();
        const data = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
        sent.current = true;
        startTransition(() => formAction(data));
      }}
    >
      <FormSummary state={state} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormState value={{ state }}>{children}</FormState>
      <button type="submit" disabled={pending} className={`mt-2 rounded-lg px-4 py-2 font-semibold disabled:opacity-60 ${styles}`}>
        {pending ? (pendingLabel ?? t("working")) : submitLabel}
      </button>
      {/* A refusal with field messages is summarised at the top and told beside each field. */}
      <FormMessage state={state.fields && !state.ok ? { ok: false } : state} />
    </form>
  );
}

function useActionState(action: (prev: ActionState, formData: FormData) => Promise<ActionState>) {
  return useReactActionState(action, initialActionState);
}

/**
 * One field of an ActionForm: its label, an optional hint, the control (the child, with this
 * `id`) and the refusal's message for it. The control is tied to the hint and the message by
 * aria-describedby and aria-invalid, set on the element itself: the child may come from a server
 * component, whose element a client component cannot clone.
 */
export function FormField({
  name,
  id,
  label,
  hint,
  children,
  labelClassName = "mt-2 block text-sm font-medium",
  className,
}: {
  name: string;
  id: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  children: React.ReactNode;
  labelClassName?: string;
  className?: string;
}) {
  const { state } = useContext(FormState);
  const error = state.ok ? undefined : state.fields?.[name];
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ");
  useEffect(() => {
    const control = document.getElementById(id);
    if (!control) return;
    if (describedBy) control.setAttribute("aria-describedby", describedBy);
    else control.removeAttribute("aria-describedby");
    if (error) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
  }, [id, describedBy, error]);
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClassName}>{label}</label>
      {hint && <p id={`${id}-hint`} className="text-sm text-muted">{hint}</p>}
      {children}
      {error && <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700">{error}</p>}
    </div>
  );
}

/** A refusal's message for a group of controls (radio buttons) that FormField does not wrap. */
export function FieldError({ name }: { name: string }) {
  const { state } = useContext(FormState);
  const error = state.ok ? undefined : state.fields?.[name];
  return error ? <p className="mt-1 text-sm font-medium text-red-700">{error}</p> : null;
}
