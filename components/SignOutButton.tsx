import { useTranslations } from "next-intl";
import { signOutAction } from "@/app/auth-actions";

/**
 * Signs out. This account's unspent anonymous tokens and any comment on its way stay in this
 * browser, under this account, for its next sign-in: deleting them would leave the person
 * without tokens until next week, and an unsent comment would be lost. The comment box offers
 * to remove them (on a shared computer), saying what that costs.
 */
export function SignOutButton() {
  const t = useTranslations("SignOutButton");
  return (
    <form action={signOutAction}>
      <button type="submit" className="rounded-md border border-gray-300 px-3 py-1.5 hover:bg-gray-50" title={t("keepsTokens")}>
        {t("signOut")}
      </button>
    </form>
  );
}
