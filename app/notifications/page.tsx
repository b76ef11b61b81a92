import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { markAllReadAction, setEmailModeAction } from "@/app/notifications/actions";
import { ActionForm } from "@/components/ActionForm";
import { TimelineList } from "@/components/TimelineList";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db/server";
import { getEmailMode, listNotifications } from "@/lib/notifications";

export const metadata: Metadata = { title: "Notifications" };
export const dynamic = "force-dynamic";

export default async function NotificationsPage() {
  const actor = await getActor();
  if (!actor) redirect("/signin?callbackUrl=%2Fnotifications");
  const [items, mode] = await Promise.all([listNotifications(db, actor), getEmailMode(db, actor)]);
  const unread = items.filter((n) => !n.read);
  return (
    <div>
      <h1 className="text-3xl font-bold">Notifications</h1>
      <p className="mt-2 text-muted">What happened to the petitions and programs you follow. Signing a petition follows it unless you say otherwise.</p>
      <section aria-labelledby="email-heading" className="mt-6 rounded-xl border border-gray-200 bg-white p-4">
        <h2 id="email-heading" className="text-xl font-bold">Email</h2>
        <ActionForm action={setEmailModeAction} hidden={{}} submitLabel="Save email setting" variant="secondary" keepOnSuccess>
          <fieldset className="mt-2">
            <legend className="text-sm">Send me email about what I follow:</legend>
            {[
              ["off", "Never (in the app only)"],
              ["instant", "Right away"],
              ["daily", "Once a day, as a digest"],
            ].map(([value, label]) => (
              <label key={value} className="mt-1 flex items-center gap-2">
                <input type="radio" name="emailMode" value={value} defaultChecked={mode === value} /> {label}
              </label>
            ))}
          </fieldset>
        </ActionForm>
      </section>
      <section aria-labelledby="list-heading" className="mt-8">
        <h2 id="list-heading" className="text-xl font-bold">{unread.length} unread</h2>
        {unread.length > 0 && <ActionForm action={markAllReadAction} hidden={{}} submitLabel="Mark all read" variant="secondary" />}
        <div className="mt-4" data-testid="notifications">
          {items.length === 0 ? <p className="text-muted">Nothing yet.</p> : <TimelineList items={items.map((n) => n.event)} />}
        </div>
      </section>
    </div>
  );
}
