// "Closed as a duplicate of ...", on the page of a petition a moderator closed so (docs/decisions/024).
import Link from "next/link";

export function DuplicateNotice({ other }: { other: { slug: string; title: string } }) {
  return (
    <p className="mt-4 rounded-xl border border-amber-300 bg-amber-50 p-4" data-testid="duplicate-of">
      A moderator closed this petition as a duplicate of{" "}
      <Link href={`/petitions/${other.slug}`} className="font-semibold text-brand underline">{other.title}</Link>. Sign that one instead.
    </p>
  );
}
