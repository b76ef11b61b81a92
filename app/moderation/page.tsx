import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, redirect } from "next/navigation";
import { hideCommentAction } from "@/app/comments/actions";
import { ActionForm } from "@/components/ActionForm";
import { MarkDuplicateForm } from "@/components/MarkDuplicateForm";
import { ReasonFields } from "@/components/ReasonFields";
import { getActor } from "@/lib/auth/session";
import { listFlaggedComments } from "@/lib/comments";
import { db } from "@/lib/db/server";

export const metadata: Metadata = { title: "Flagged comments" };
export const dynamic = "force-dynamic";

export default async function ModerationPage() {
  const actor = await getActor();
  if (!actor) redirect("/signin?callbackUrl=%2Fmoderation");
  if (actor.role !== "moderator") forbidden();
  const flagged = await listFlaggedComments(db, actor);
  return (
    <div>
      <h1 className="text-3xl font-bold">Flagged comments</h1>
      <p className="mt-2 max-w-2xl text-muted">
        Hide a comment only when it breaks the rules. The reason you give is shown publicly in its
        place. Nobody, you included, can know who wrote it.
      </p>
      {flagged.length === 0 ? (
        <p className="mt-6">Nothing is flagged right now.</p>
      ) : (
        <ul className="mt-6 grid gap-4" data-testid="flagged">
          {flagged.map((c) => (
            <li key={c.id} className="rounded-lg border border-gray-200 bg-white p-4">
              <p className="text-sm text-muted">
                On <Link href={c.where.href} className="underline">{c.where.title}</Link> · {c.flags} {c.flags === 1 ? "flag" : "flags"}: {c.reasons.join(", ")}
              </p>
              <div className="prose-user" dangerouslySetInnerHTML={{ __html: c.bodyHtml ?? "" }} />
              <ActionForm action={hideCommentAction} hidden={{ commentId: c.id, path: c.where.href }} submitLabel="Hide with this reason" variant="danger">
                <ReasonFields id={c.id} />
              </ActionForm>
            </li>
          ))}
        </ul>
      )}
      <MarkDuplicateForm />
    </div>
  );
}
