import type { Metadata } from "next";
import { useLocale, useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { ScrollRegion } from "@/components/ScrollRegion";
import { Fragment, type ReactNode } from "react";
import { useFormat } from "@/components/format";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/i18n/locales";
import { openApiDocumentIn } from "@/lib/api/openapi-language";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("DevelopersPage");
  return { title: t("title") };
}

// The JSON API, rendered on the server from the OpenAPI document that /api/openapi.json serves
// (lib/api/openapi.ts), so this page says what the routes do and cannot fall behind them. No
// script and nothing from another site: the CSP stays as it is (docs/decisions/023). The page's own
// words are in both languages, and so are the document's texts: /api/openapi.json serves them in
// English, this page in the request's language (lib/api/openapi-language.ts, i18n/openapi.de.json);
// only a text still in another language than the page's carries a lang (docs/decisions/029).

type Json = Record<string, unknown>;
type Schema = Json & { $ref?: string; type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; enum?: unknown[]; description?: string };
type Parameter = { name: string; in: string; required: boolean; description?: string; schema: Schema };
type Response = { description: string; content?: Record<string, { schema: Schema }>; headers?: Record<string, { description: string }> };
type Op = { operationId: string; tags: string[]; summary: string; description: string; security: Json[]; parameters?: Parameter[]; requestBody?: { description: string; content: Record<string, { schema: Schema }> }; responses: Record<string, Response>; "x-credentials"?: string };
type Doc = { info: { title: string; description: string }; tags: { name: string }[]; paths: Record<string, Record<string, Op>>; components: { schemas: Record<string, Schema> }; "x-undocumented-routes": Record<string, string> };

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
const schemaName = (ref: string) => ref.replace("#/components/schemas/", "");
/** The lang attribute a text of the document needs on this page: none when it is in the page's language. */
type LangOf = (text: string) => Locale | undefined;

/** Text with `code` spans, as the document's descriptions write them. */
function Prose({ text }: { text: string }) {
  return (
    <>
      {text.split(/(`[^`]+`)/).map((part, i) =>
        part.startsWith("`") && part.endsWith("`") ? <code key={i} className="rounded bg-gray-100 px-1 font-mono text-sm">{part.slice(1, -1)}</code> : <Fragment key={i}>{part}</Fragment>,
      )}
    </>
  );
}

/** A schema's type in one line: a link for a named schema, unions with "or", arrays as "list of". */
function TypeOf({ schema }: { schema: Schema }): ReactNode {
  const t = useTranslations("DevelopersPage");
  const f = useFormat();
  if (schema.$ref) {
    const name = schemaName(schema.$ref);
    return <a href={`#schema-${slug(name)}`} className="font-mono text-brand underline">{name}</a>;
  }
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return <>{variants.map((v, i) => <Fragment key={i}>{i > 0 && t("or")}<TypeOf schema={v} /></Fragment>)}</>;
  if (schema.enum) return <span className="font-mono">{schema.enum.map((e) => JSON.stringify(e)).join(" | ")}</span>;
  if ("const" in schema) return <span className="font-mono">{JSON.stringify(schema.const)}</span>;
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.includes("array") && schema.items) {
    const items = schema.items;
    return <>{t.rich("listOf", { type: () => <TypeOf schema={items} /> })}</>;
  }
  if (types.length === 0) return <span className="font-mono">{t("anyJson")}</span>;
  const limits = [
    typeof schema.minLength === "number" && t("minLength", { n: schema.minLength }),
    typeof schema.maxLength === "number" && t("maxLength", { n: schema.maxLength }),
    typeof schema.minimum === "number" && t("minimum", { n: f.count(schema.minimum) }),
    typeof schema.maximum === "number" && t("maximum", { n: f.count(schema.maximum) }),
    typeof schema.minItems === "number" && t("minItems", { n: schema.minItems }),
    typeof schema.maxItems === "number" && t("maxItems", { n: schema.maxItems }),
    typeof schema.format === "string" && schema.format,
  ].filter(Boolean);
  return (
    <>
      <span className="font-mono">{types.join(t("or"))}</span>
      {limits.length > 0 && <span className="text-muted"> ({limits.join(", ")})</span>}
    </>
  );
}

/** An object's fields as a nested list; other schemas as their type. */
function SchemaView({ schema, langOf }: { schema: Schema; langOf: LangOf }) {
  const t = useTranslations("DevelopersPage");
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants && variants.some((v) => v.properties)) {
    return (
      <ul className="list-disc space-y-2 pl-6">
        {variants.map((v, i) => (
          <li key={i}>{i === 0 ? t("either") : t("orVariant")} <SchemaView schema={v} langOf={langOf} /></li>
        ))}
      </ul>
    );
  }
  const item = schema.items;
  if (item?.properties) return <div>{t.rich("listOfObjects", { schema: () => <SchemaView schema={item} langOf={langOf} /> })}</div>;
  if (!schema.properties) return <p><TypeOf schema={schema} />{schema.description && <> · <span lang={langOf(schema.description)}><Prose text={schema.description} /></span></>}</p>;
  const required = new Set(schema.required ?? []);
  return (
    <ul className="mt-1 space-y-1 border-l-2 border-gray-200 pl-3">
      {Object.entries(schema.properties).map(([name, field]) => (
        <li key={name}>
          <code className="font-mono font-semibold">{name}</code>
          {!required.has(name) && <span className="text-muted">{t("optional")}</span>}: <TypeOf schema={field} />
          {field.description && <span className="text-muted"> · <span lang={langOf(field.description)}><Prose text={field.description} /></span></span>}
          {(field.properties || field.items?.properties || (field.anyOf ?? []).some((v) => v.properties)) && (
            <SchemaView schema={field.properties ? { ...field, description: undefined } : field.items?.properties ? field.items : { anyOf: field.anyOf }} langOf={langOf} />
          )}
        </li>
      ))}
    </ul>
  );
}

/** Which credentials an operation takes: the key of its sentence in DevelopersPage. */
function authOf(op: Op): "authNone" | "authPublic" | "authOptional" | "authSession" {
  if (op["x-credentials"]) return "authNone";
  if (op.security.length === 0) return "authPublic";
  return op.security.some((s) => Object.keys(s).length === 0) ? "authOptional" : "authSession";
}

function Operation({ path, method, op, langOf }: { path: string; method: string; op: Op; langOf: LangOf }) {
  const t = useTranslations("DevelopersPage");
  const id = `op-${op.operationId}`;
  return (
    <section aria-labelledby={id} className="mt-6 rounded border border-gray-200 bg-white p-4">
      <h3 id={id} className="text-lg font-bold">
        <span className="rounded bg-gray-800 px-2 py-0.5 font-mono text-sm text-white">{method.toUpperCase()}</span>{" "}
        <code className="font-mono">{path}</code>
      </h3>
      <p className="mt-1 font-semibold" lang={langOf(op.summary)}>{op.summary}</p>
      <p className="mt-1" lang={langOf(op.description)}><Prose text={op.description} /></p>
      <p className="mt-1 text-sm text-muted">{t(authOf(op))}</p>
      {op.parameters && (
        <ScrollRegion className="mt-3" label={t("parametersRegion", { method: method.toUpperCase(), path })}>
          <table className="w-full min-w-[32rem] border-collapse text-sm">
            <caption className="text-left font-semibold">{t("parameters")}</caption>
            <thead>
              <tr className="border-b border-gray-300 text-left">
                <th scope="col" className="py-1 pr-4">{t("name")}</th>
                <th scope="col" className="py-1 pr-4">{t("in")}</th>
                <th scope="col" className="py-1 pr-4">{t("type")}</th>
                <th scope="col" className="py-1">{t("about")}</th>
              </tr>
            </thead>
            <tbody>
              {op.parameters.map((p) => (
                <tr key={`${p.in}-${p.name}`} className="border-b border-gray-200 align-top">
                  <td className="py-1 pr-4 font-mono">{p.name}{p.required ? "" : "?"}</td>
                  <td className="py-1 pr-4">{p.in}</td>
                  <td className="py-1 pr-4"><TypeOf schema={p.schema} />{p.schema.default !== undefined && <span className="text-muted">{t("default", { value: JSON.stringify(p.schema.default) })}</span>}</td>
                  <td className="py-1" lang={p.description ? langOf(p.description) : undefined}>{p.description && <Prose text={p.description} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {op.requestBody && (
        <div className="mt-3">
          <p className="font-semibold">{t("requestBody")}</p>
          <p className="text-sm" lang={langOf(op.requestBody.description)}><Prose text={op.requestBody.description} /></p>
          <SchemaView schema={op.requestBody.content["application/json"]!.schema} langOf={langOf} />
        </div>
      )}
      <div className="mt-3">
        <p className="font-semibold">{t("responses")}</p>
        <dl className="mt-1 space-y-1 text-sm">
          {Object.entries(op.responses).map(([status, r]) => {
            const [type, body] = Object.entries(r.content ?? {})[0] ?? [];
            return (
              <div key={status} className="flex gap-3">
                <dt className="w-10 shrink-0 font-mono font-semibold">{status}</dt>
                <dd>
                  <span lang={langOf(r.description)}><Prose text={r.description} /></span>
                  {body && type === "application/json" && <> · <TypeOf schema={body.schema} /></>}
                  {type && type !== "application/json" && <> · <code className="font-mono">{type}</code></>}
                </dd>
              </div>
            );
          })}
        </dl>
      </div>
    </section>
  );
}

export default function DevelopersPage() {
  const t = useTranslations("DevelopersPage");
  const requested = useLocale();
  const { document, langOf, tagName } = openApiDocumentIn(isLocale(requested) ? requested : DEFAULT_LOCALE);
  const doc = document as unknown as Doc;
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  return (
    <article className="max-w-4xl">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="mt-2" lang={langOf(doc.info.description)}><Prose text={doc.info.description} /></p>
      <p className="mt-2">
        {t.rich("openapi", { link: (chunks) => <a href="/api/openapi.json" className="font-mono text-brand underline">{chunks}</a> })}
      </p>
      <p className="mt-2 text-sm text-muted">{t("documentLanguage")}</p>
      <nav aria-label={t("operations")} className="mt-4">
        <ul className="columns-1 text-sm sm:columns-2">
          {operations.map(({ path, method, op }) => (
            <li key={op.operationId}>
              <a href={`#op-${op.operationId}`} className="text-brand underline"><span className="font-mono">{method.toUpperCase()} {path}</span></a>
            </li>
          ))}
        </ul>
      </nav>
      {doc.tags.map(({ name }) => (
        <section key={name} aria-labelledby={`tag-${slug(name)}`} className="mt-10">
          <h2 id={`tag-${slug(name)}`} className="text-2xl font-bold" lang={langOf(tagName(name))}>{tagName(name)}</h2>
          {operations.filter(({ op }) => op.tags.includes(name)).map(({ path, method, op }) => <Operation key={op.operationId} path={path} method={method} op={op} langOf={langOf} />)}
        </section>
      ))}
      <section aria-labelledby="errors" className="mt-10">
        <h2 id="errors" className="text-2xl font-bold">{t("errors")}</h2>
        <p className="mt-2">
          {t.rich("errorsText", { link: (chunks) => <a href="#schema-apierror" className="font-mono text-brand underline">{chunks}</a> })}
        </p>
      </section>
      <section aria-labelledby="schemas" className="mt-10">
        <h2 id="schemas" className="text-2xl font-bold">{t("schemas")}</h2>
        {Object.entries(doc.components.schemas).map(([name, schema]) => (
          <section key={name} aria-labelledby={`schema-${slug(name)}`} className="mt-6">
            <h3 id={`schema-${slug(name)}`} className="font-mono text-lg font-bold">{name}</h3>
            {schema.description && <p lang={langOf(schema.description)}><Prose text={schema.description} /></p>}
            <SchemaView schema={schema} langOf={langOf} />
          </section>
        ))}
      </section>
      <section aria-labelledby="not-here" className="mt-10">
        <h2 id="not-here" className="text-2xl font-bold">{t("notHere")}</h2>
        <ul className="mt-2 list-disc space-y-1 pl-6">
          {Object.entries(doc["x-undocumented-routes"]).map(([route, why]) => (
            <li key={route}><code className="font-mono">{route}</code>: <span lang={langOf(why)}>{why}</span></li>
          ))}
        </ul>
      </section>
    </article>
  );
}
