import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-3xl font-bold">Not found</h1>
      <p className="mt-3">Nothing is at this address, or it is a draft only its organizers can see.</p>
      <p className="mt-3"><Link href="/petitions" className="font-semibold text-brand underline">See all petitions</Link></p>
    </div>
  );
}
