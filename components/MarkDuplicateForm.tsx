// The moderator's "mark as duplicate" control (docs/decisions/024): closes one petition with a
// link to the other, which its followers are offered.
import { useTranslations } from "next-intl";
import { markDuplicateAction } from "@/app/moderation/duplicate-action";
import { ActionForm, FormField } from "./ActionForm";

const input = "mt-1 block w-full rounded-md border border-gray-400 bg-white px-3 py-2";

export function MarkDuplicateForm() {
  const t = useTranslations("MarkDuplicateForm");
  return (
    <section aria-labelledby="duplicate-heading" className="mt-10 rounded-xl border border-gray-200 bg-white p-4">
      <h2 id="duplicate-heading" className="text-xl font-bold">{t("heading")}</h2>
      <p className="mt-1 mb-3 text-sm text-muted">{t("explain")}</p>
      <ActionForm action={markDuplicateAction} hidden={{}} submitLabel={t("submit")} variant="danger">
        <div className="grid gap-3 sm:grid-cols-2">
          <FormField id="duplicate-petition" name="petition" label={t("petition")} labelClassName="block font-semibold">
            <input id="duplicate-petition" name="petition" required maxLength={300} placeholder={t("placeholder")} className={input} />
          </FormField>
          <FormField id="duplicate-of" name="duplicateOf" label={t("duplicateOf")} labelClassName="block font-semibold">
            <input id="duplicate-of" name="duplicateOf" required maxLength={300} placeholder={t("placeholder")} className={input} />
          </FormField>
        </div>
      </ActionForm>
    </section>
  );
}
