"use client";

import { useTranslations } from "next-intl";
import { startTransition, useActionState, useState } from "react";
import { initialActionState, type ActionState } from "@/lib/http/action-state";
import { FormMessage, FormSummary } from "./FormMessage";

/**
 * A role change in two steps: choose the role, then confirm a sentence that says what will
 * happen ("Change Jonas Berg's role from Employee to Moderator?"). The domain refuses what it
 * must (the last admin), and the refusal is shown here in words.
 */
export function RoleChangeForm({
  action,
  user,
  roles,
}: {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  user: { id: string; name: string; role: string };
  roles: { value: string; label: string }[];
}) {
  const t = useTranslations("RoleChangeForm");
  const [result, formAction, pending] = useActionState(action, initialActionState);
  const [chosen, setChosen] = useState(user.role);
  const [confirming, setConfirming] = useState(false);
  const label = (r: string) => roles.find((x) => x.value === r)?.label ?? r;
  const current = user.role;
  return (
    <form
      onSubmit={(e) => {
        // Submitted by hand, not through the form's action: React resets a form after its action
        // runs, which would put the old role back in the list beside a refusal.
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        setConfirming(false);
        startTransition(() => formAction(data));
      }}
      className="flex flex-wrap items-end gap-2"
    >
      <div className="basis-full empty:hidden"><FormSummary state={result} fieldIds={{ role: `role-${user.id}` }} /></div>
      <input type="hidden" name="userId" value={user.id} />
      <div>
        <label htmlFor={`role-${user.id}`} className="block text-xs text-muted">{t("roleFor", { name: user.name })}</label>
        <select
          id={`role-${user.id}`}
          name="role"
          value={chosen}
          onChange={(e) => { setChosen(e.target.value); setConfirming(false); }}
          className="mt-1 block rounded-md border border-gray-400 bg-white px-2 py-1"
        >
          {roles.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
        </select>
      </div>
      {confirming ? (
        <div className="flex flex-wrap items-center gap-2" data-testid="role-confirm">
          <span className="text-sm font-medium">{t("confirm", { name: user.name, from: label(current), to: label(chosen) })}</span>
          <button type="submit" disabled={pending} className="rounded-lg bg-brand px-3 py-1.5 font-semibold text-white disabled:opacity-60">
            {pending ? t("working") : t("confirmChange")}
          </button>
          <button type="button" onClick={() => { setConfirming(false); setChosen(current); }} className="rounded-lg border border-gray-400 bg-white px-3 py-1.5">
            {t("cancel")}
          </button>
        </div>
      ) : (
        <button
          type="button"
          disabled={chosen === current}
          onClick={() => setConfirming(true)}
          className="rounded-lg border border-gray-400 bg-white px-3 py-1.5 font-semibold hover:bg-gray-50 disabled:opacity-60"
        >
          {t("change")}
        </button>
      )}
      {/* A refusal with field messages is summarised at the top (as in ActionForm). */}
      <div className="basis-full"><FormMessage state={result.fields && !result.ok ? { ok: false } : result} /></div>
    </form>
  );
}
