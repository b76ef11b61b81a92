import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-3xl font-bold">Not allowed</h1>
      <p className="mt-3">Your account&apos;s role cannot open this page. If you think it should, ask an admin.</p>
      <p className="mt-3"><Link href="/" className="font-semibold text-brand underline">Back to the start</Link></p>
    </div>
  );
}
