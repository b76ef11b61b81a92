import { useTranslations } from "next-intl";
import { FormField } from "@/components/ActionForm";
import { MODERATION_REASONS, type ReasonCode } from "@/lib/moderation";

/**
 * The reason from the list plus a public explanation, as every moderation action needs.
 * `defaultCode` preselects the rule (the one a flag named); null leaves the choice to the
 * moderator, with nothing preselected.
 */
export function ReasonFields({ id, defaultCode }: { id: string; defaultCode?: ReasonCode | null }) {
  const t = useTranslations("ReasonFields");
  const reason = useTranslations("ModerationReason");
  return (
    <div className="mt-2 grid gap-2 sm:grid-cols-[14rem_1fr]">
      <FormField id={`code-${id}`} name="reasonCode" label={t("rule")} labelClassName="block text-sm font-medium">
        <select id={`code-${id}`} name="reasonCode" required defaultValue={defaultCode === undefined ? undefined : (defaultCode ?? "")} className="mt-1 block w-full rounded-md border border-gray-400 bg-white px-2 py-2 aria-[invalid=true]:border-red-600">
          {defaultCode === null && <option value="" disabled>{t("choose")}</option>}
          {(Object.keys(MODERATION_REASONS) as ReasonCode[]).map((code) => <option key={code} value={code}>{reason(code)}</option>)}
        </select>
      </FormField>
      <FormField id={`text-${id}`} name="reasonText" label={t("explanation")} labelClassName="block text-sm font-medium">
        <input id={`text-${id}`} name="reasonText" required minLength={5} maxLength={300} className="mt-1 block w-full rounded-md border border-gray-400 px-3 py-2 aria-[invalid=true]:border-red-600" />
      </FormField>
    </div>
  );
}
