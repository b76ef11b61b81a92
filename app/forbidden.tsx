import Link from "next/link";
import { useTranslations } from "next-intl";

export default function Forbidden() {
  const t = useTranslations("ForbiddenPage");
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="mt-3">{t("text")}</p>
      <p className="mt-3"><Link href="/" className="font-semibold text-brand underline">{t("back")}</Link></p>
    </div>
  );
}
