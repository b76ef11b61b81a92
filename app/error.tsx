"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-3xl font-bold">Something went wrong</h1>
      <p className="mt-3">This page could not be shown. Nothing you did was lost; please try again.</p>
      <button type="button" onClick={reset} className="mt-4 rounded-lg bg-brand px-4 py-2 font-semibold text-white">Try again</button>
    </div>
  );
}
