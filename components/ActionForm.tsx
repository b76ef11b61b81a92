"use client";

import { useActionState } from "react";
import { initialActionState, type ActionState } from "@/lib/http/action";
import { FormMessage } from "./FormMessage";
import { useBodyLimit } from "./useBodyLimit";

/** A small form posting to a server action, with hidden fields and a live result message. */
export function ActionForm({
  action,
  hidden,
  children,
  submitLabel,
  pendingLabel = "Working…",
  variant = "primary",
  confirm,
}: {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  children?: React.ReactNode;
  submitLabel: string;
  pendingLabel?: string;
  variant?: "primary" | "secondary" | "danger";
  confirm?: string;
}) {
  const [result, formAction, pending] = useActionState(action, initialActionState);
  const { onSubmit, state } = useBodyLimit(result);
  const styles = {
    primary: "bg-brand text-white hover:bg-brand-dark",
    secondary: "border border-gray-400 bg-white hover:bg-gray-50",
    danger: "border border-red-700 bg-white text-red-800 hover:bg-red-50",
  }[variant];
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
        else onSubmit(e);
      }}
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <button type="submit" disabled={pending} className={`mt-2 rounded-lg px-4 py-2 font-semibold disabled:opacity-60 ${styles}`}>
        {pending ? pendingLabel : submitLabel}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
