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
