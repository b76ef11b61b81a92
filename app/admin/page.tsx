import type { Metadata } from "next";
import { forbidden, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { setRoleAction, updateSettingsAction } from "@/app/admin/actions";
import { decideAppealAction } from "@/app/moderation/actions";
import { ActionForm, FieldError, FormField } from "@/components/ActionForm";
import { listUsers } from "@/lib/admin";
import { listAudit } from "@/lib/audit";
import { ROLES } from "@/lib/auth/actor";
import { ssoMappedRoles } from "@/lib/auth/flags";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { getFormat, requestLocale } from "@/lib/i18n/server";
import { listAppeals, translatedReason } from "@/lib/moderation";
import { getSettings, type Settings } from "@/lib/settings";
import { SETTING_DOCS } from "@/lib/admin/settings-docs";
import { RoleChangeForm } from "@/components/RoleChangeForm";
import { adminStanding } from "@/lib/users";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("AdminPage");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

export default async function AdminPage({ searchParams }: PageProps<"/admin">) {
  const actor = await getActor();
  if (!actor) redirect("/signin?callbackUrl=%2Fadmin");
  if (actor.role !== "admin") forbidden();
  const { q } = await searchParams;
  const mapped = ssoMappedRoles();
  const locale = await requestLocale();
  const [users, settings, audit, appeals, standing, t, roleName, f, doc, reasonName] = await Promise.all([
    listUsers(db, actor, { q: typeof q === "string" ? q : undefined }),
    getSettings(db),
    listAudit(db, actor, { limit: 50, locale }),
    listAppeals(db, actor),
    adminStanding(db, actor),
    getTranslations("AdminPage"),
    getTranslations("Roles"),
    getFormat(),
    getTranslations("SettingDocs"),
    getTranslations("ModerationReason"),
  ]);
  const input = "mt-1 block w-full rounded-md border border-gray-400 bg-white px-2 py-1";
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-10">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      {standing.onlyAdmin && (
        <p role="status" className="rounded-lg border border-amber-400 bg-amber-50 p-3" data-testid="last-admin">
          {standing.keptAsLastAdmin ? t("keptAsLastAdmin") : t("onlyAdmin")}
        </p>
      )}

      <section aria-labelledby="roles-heading">
        <h2 id="roles-heading" className="text-2xl font-bold">{t("roles")}</h2>
        <form action="/admin" className="mt-2 flex max-w-md gap-2" role="search">
          <label htmlFor="q" className="sr-only">{t("find")}</label>
          <input id="q" name="q" defaultValue={typeof q === "string" ? q : ""} placeholder={t("findPlaceholder")} className={input} />
          <button type="submit" className="rounded-md bg-brand px-3 py-1 font-semibold text-white">{t("findSubmit")}</button>
        </form>
        <p className="mt-1 text-sm text-muted">{q ? t("matching") : t("withRole")}</p>
        {mapped.length > 0 && (
          <p className="mt-1 max-w-3xl text-sm text-muted" data-testid="sso-roles">
            {t("ssoRoles", { roles: mapped.map((r) => roleName(r)).join(", "), count: mapped.length })}
          </p>
        )}
        <ul className="mt-3 grid gap-2" data-testid="people">
          {users.map((u) => (
            <li key={u.id} className="grid items-end gap-2 rounded-lg border border-gray-200 bg-white p-2 sm:grid-cols-[16rem_1fr]">
              <span className="min-w-0">{u.name} <span className="text-sm text-muted">{u.email}{u.department && ` · ${u.department}`}{u.location && ` · ${u.location}`}</span></span>
              <RoleChangeForm action={setRoleAction} user={{ id: u.id, name: u.name, role: u.role }} roles={ROLES.map((r) => ({ value: r, label: roleName(r) }))} />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading" className="text-2xl font-bold">{t("settings")}</h2>
        <ActionForm action={updateSettingsAction} hidden={{}} submitLabel={t("saveSettings")} keepOnSuccess>
          <div className="grid gap-3 sm:grid-cols-2">
            {(Object.keys(SETTING_DOCS) as (keyof Settings)[]).map((key) => (
              <FormField id={`setting-${key}`} key={key} name={key} label={doc(`${key}.label`)} hint={doc(`${key}.help`)} labelClassName="block text-sm font-medium">
                <input id={`setting-${key}`} name={key} type="number" defaultValue={settings[key]} className={`${input} aria-[invalid=true]:border-red-600`} />
              </FormField>
            ))}
          </div>
        </ActionForm>
      </section>

      <section aria-labelledby="appeals-heading">
        <h2 id="appeals-heading" className="text-2xl font-bold">{t("appeals")}</h2>
        {appeals.length === 0 ? (
          <p className="mt-2 text-muted">{t("noAppeals")}</p>
        ) : (
          <ul className="mt-3 grid gap-3" data-testid="appeals">
            {appeals.map((a) => (
              <li key={a.id} className="rounded-lg border border-gray-200 bg-white p-3">
                <p className="font-semibold">{a.target}</p>
                <p className="text-sm">{t("hiddenFor", { reason: translatedReason(a.reason, reasonName) })}</p>
                <p className="mt-1">{t("organizersSay", { text: a.text })}</p>
                <ActionForm action={decideAppealAction} hidden={{ appealId: a.id }} submitLabel={t("decide")}>
                  <fieldset className="mt-2">
                    <legend className="text-sm font-medium">{t("decision")}</legend>
                    <label className="mr-4"><input type="radio" name="outcome" value="overturned" defaultChecked /> {t("restore")}</label>
                    <label><input type="radio" name="outcome" value="upheld" /> {t("keepHidden")}</label>
                    <FieldError name="outcome" />
                  </fieldset>
                  <FormField id={`note-${a.id}`} name="note" label={t("publicNote")}>
                    <input id={`note-${a.id}`} name="note" required minLength={5} maxLength={1000} className={input} />
                  </FormField>
                </ActionForm>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="audit-heading">
        <h2 id="audit-heading" className="text-2xl font-bold">{t("audit")}</h2>
        <ol className="mt-2 grid gap-1 text-sm" data-testid="audit-log">
          {audit.items.map((e) => (
            <li key={e.id} className="grid gap-x-3 border-b border-gray-100 py-1 sm:grid-cols-[10rem_1fr]">
              <time dateTime={e.at} className="text-muted">{f.date(e.at)}</time>
              <span>{e.text} <span className="text-muted">({e.actorRoleLabel})</span></span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
