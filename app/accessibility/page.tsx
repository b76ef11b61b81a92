import type { Metadata } from "next";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { useFormat } from "@/components/format";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("AccessibilityPage");
  return { title: t("title") };
}

/** The day this statement was last checked against the product. */
const REVIEWED_ON = "2026-12-01";

// A statement in the manner of GOV.UK's: the standard, how it is checked, what is known not to
// meet it, and whom to tell. Keep "How we test" true to test/e2e/layout.spec.ts, a11y.spec.ts and scripts/audit.ts.
export default function AccessibilityPage() {
  const t = useTranslations("AccessibilityPage");
  const f = useFormat();
  return (
    <article className="max-w-3xl space-y-6">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p>{t("intro")}</p>

      <section aria-labelledby="standard">
        <h2 id="standard" className="text-xl font-bold">{t("standard")}</h2>
        <p className="mt-2">{t.rich("standardText", { abbr: (chunks) => <abbr title={t("wcag")}>{chunks}</abbr> })}</p>
      </section>

      <section aria-labelledby="how">
        <h2 id="how" className="text-xl font-bold">{t("how")}</h2>
        <ul className="mt-2 list-disc space-y-1 pl-6">
          <li>{t("howAxe")}</li>
          <li>{t("howLighthouse")}</li>
          <li>{t("howKeyboard")}</li>
          <li>{t("howLive")}</li>
        </ul>
      </section>

      <section aria-labelledby="gaps">
        <h2 id="gaps" className="text-xl font-bold">{t("gaps")}</h2>
        <ul className="mt-2 list-disc space-y-1 pl-6">
          <li>{t("gapLanguages")}</li>
          <li>{t("gapAutomated")}</li>
          <li>{t("gapUserText")}</li>
        </ul>
      </section>

      <section aria-labelledby="contact">
        <h2 id="contact" className="text-xl font-bold">{t("contact")}</h2>
        <p className="mt-2">{t("contactText")}</p>
      </section>

      <p className="text-sm text-muted">{t("reviewed", { date: f.date(REVIEWED_ON) })}</p>
    </article>
  );
}
