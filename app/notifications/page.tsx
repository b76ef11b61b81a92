import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { markAllReadAction, setEmailModeAction } from "@/app/notifications/actions";
import { ActionForm } from "@/components/ActionForm";
import { TimelineList } from "@/components/TimelineList";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { getFormat, requestLocale } from "@/lib/i18n/server";
import { getEmailMode, listNotifications } from "@/lib/notifications";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("NotificationsPage");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

export default async function NotificationsPage() {
  const actor = await getActor();
  if (!actor) redirect("/signin?callbackUrl=%2Fnotifications");
  const [items, mode, t, f] = await Promise.all([listNotifications(db, actor, await requestLocale()), getEmailMode(db, actor), getTranslations("NotificationsPage"), getFormat()]);
  const unread = items.filter((n) => !n.read);
  return (
    <div>
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-muted">{t("intro")}</p>
      <section aria-labelledby="email-heading" className="mt-6 rounded-xl border border-gray-200 bg-white p-4">
        <h2 id="email-heading" className="text-xl font-bold">{t("email")}</h2>
        <ActionForm action={setEmailModeAction} hidden={{}} submitLabel={t("save")} variant="secondary" keepOnSuccess>
          <fieldset className="mt-2">
            <legend className="text-sm">{t("legend")}</legend>
            {(["off", "instant", "daily"] as const).map((value) => (
              <label key={value} className="mt-1 flex items-center gap-2">
                <input type="radio" name="emailMode" value={value} defaultChecked={mode === value} /> {t(value)}
              </label>
            ))}
          </fieldset>
        </ActionForm>
      </section>
      <section aria-labelledby="list-heading" className="mt-8">
        <h2 id="list-heading" className="text-xl font-bold">{t("unread", { count: f.count(unread.length) })}</h2>
        {unread.length > 0 && <ActionForm action={markAllReadAction} hidden={{}} submitLabel={t("markAll")} variant="secondary" />}
        <div className="mt-4" data-testid="notifications">
          {items.length === 0 ? <p className="text-muted">{t("nothing")}</p> : <TimelineList items={items.map((n) => n.event)} />}
        </div>
      </section>
    </div>
  );
}
