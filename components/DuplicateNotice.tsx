// "Closed as a duplicate of ...", on the page of a petition a moderator closed so (docs/decisions/024).
import "server-only";
import Link from "next/link";
import { db } from "@/lib/db/server";
import { duplicateOf } from "@/lib/petitions/similar";

export async function DuplicateNotice({ petitionId }: { petitionId: string }) {
  const other = await duplicateOf(db, petitionId);
  if (!other) return null;
  return (
    <p className="mt-2" data-testid="duplicate-of">
      A moderator closed this petition as a duplicate of{" "}
      <Link href={`/petitions/${other.slug}`} className="font-semibold text-brand underline">{other.title}</Link>: sign that one instead.
    </p>
  );
}
