import { useTranslations } from "next-intl";

/** "5 minutes", "1 minute", "30 seconds": a batch interval (or several) as people read it, in the page's language. */
export function useFormatInterval(): (seconds: number) => string {
  const t = useTranslations("Interval");
  return (seconds) => {
    const minutes = Math.round(seconds / 60);
    return seconds >= 60 ? t("minutes", { count: minutes }) : t("seconds", { count: Math.round(seconds) });
  };
}
