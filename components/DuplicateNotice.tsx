// "Closed as a duplicate of ...", on the page of a petition a moderator closed so (docs/decisions/024).
import Link from "next/link";
import { useTranslations } from "next-intl";

export function DuplicateNotice({ other }: { other: { slug: string; title: string } }) {
  const t = useTranslations("DuplicateNotice");
  return (
    <p className="mt-4 rounded-xl border border-amber-300 bg-amber-50 p-4" data-testid="duplicate-of">
      {t.rich("closed", {
        title: other.title,
        link: (chunks) => <Link href={`/petitions/${other.slug}`} className="font-semibold text-brand underline">{chunks}</Link>,
      })}
    </p>
  );
}
