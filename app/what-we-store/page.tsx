import type { Metadata } from "next";
import { useLocale, useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { ScrollRegion } from "@/components/ScrollRegion";
import { schemaDocsIn, type StoredField } from "@/lib/privacy/schema-docs";
import { DEFAULT_LOCALE, isLocale } from "@/i18n/locales";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("WhatWeStorePage");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

// The descriptions of tables and fields are the schema's `///` comments, written in English, and
// their German translation in i18n/schema-docs.de.json (lib/privacy/schema-docs.ts): each is shown
// in the request's language, and only a text in another language than the page's carries a lang.
export default function WhatWeStorePage() {
  const t = useTranslations("WhatWeStorePage");
  const requested = useLocale();
  const locale = isLocale(requested) ? requested : DEFAULT_LOCALE;
  const models = schemaDocsIn(locale);
  const lang = (text: { lang?: string }) => (text.lang && text.lang !== locale ? text.lang : undefined);
  const kind = (f: StoredField) =>
    f.relation ? t("linkTo", { model: f.type.replace(/[?[\]]/g, "") }) : f.type.endsWith("?") ? t("optional", { type: f.type.slice(0, -1) }) : f.type;
  const anchor = (id: string) =>
    function TableLink(chunks: React.ReactNode) {
      return <a href={`#${id}`} className="text-brand underline">{chunks}</a>;
    };
  return (
    <div>
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="mt-2 max-w-3xl text-muted">{t("intro")}</p>
      <p className="mt-2 max-w-3xl">{t.rich("anonymous", { signature: anchor("AnonSignature"), issuance: anchor("SignTokenIssuance") })}</p>
      <p className="mt-2 max-w-3xl text-sm text-muted">{t("schemaLanguage")}</p>
      <nav aria-label={t("tables")} className="mt-4">
        <ul className="flex flex-wrap gap-2 text-sm">
          {models.map((m) => (
            <li key={m.name}><a href={`#${m.name}`} className="rounded bg-white px-2 py-1 ring-1 ring-gray-300 hover:bg-gray-50">{m.name}</a></li>
          ))}
        </ul>
      </nav>
      {models.map((m) => (
        <section key={m.name} id={m.name} aria-labelledby={`${m.name}-heading`} className="mt-8">
          <h2 id={`${m.name}-heading`} className="text-xl font-bold">{m.name}</h2>
          <p className="mt-1" lang={lang(m)}>{m.description}</p>
          <ScrollRegion className="mt-3" label={t("region", { table: m.name })}>
            <table className="w-full min-w-[32rem] border-collapse text-sm">
              <thead>
                <tr className="border-b border-gray-300 text-left">
                  <th scope="col" className="py-1 pr-4">{t("field")}</th>
                  <th scope="col" className="py-1 pr-4">{t("kind")}</th>
                  <th scope="col" className="py-1">{t("why")}</th>
                </tr>
              </thead>
              <tbody>
                {m.fields.map((f) => (
                  <tr key={f.name} className="border-b border-gray-200 align-top">
                    <td className="py-1 pr-4 font-mono">{f.name}</td>
                    <td className="py-1 pr-4 text-muted">{kind(f)}</td>
                    <td className="py-1" lang={lang(f)}>{f.description}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </section>
      ))}
    </div>
  );
}
