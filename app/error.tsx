"use client";

import { useTranslations } from "next-intl";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("ErrorPage");
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="mt-3">{t("text")}</p>
      <button type="button" onClick={reset} className="mt-4 rounded-lg bg-brand px-4 py-2 font-semibold text-white">{t("retry")}</button>
    </div>
  );
}
