/** What a save did, in words, at the top of the page the save led to (lib/http/saved.ts). */
export function SavedNotice({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div role="status" data-testid="saved-notice" className="rounded-lg bg-emerald-50 px-4 py-3 text-emerald-950 ring-1 ring-emerald-300">
      <p className="font-semibold">{title}</p>
      <p className="mt-1 text-sm">{children}</p>
    </div>
  );
}
