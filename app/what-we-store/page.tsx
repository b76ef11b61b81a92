import type { Metadata } from "next";
import { readSchemaDocs } from "@/lib/privacy/schema-docs";

export const metadata: Metadata = { title: "What we store" };
export const dynamic = "force-dynamic";

export default function WhatWeStorePage() {
  const models = readSchemaDocs();
  return (
    <div>
      <h1 className="text-3xl font-bold">What we store</h1>
      <p className="mt-2 max-w-3xl text-muted">
        Every table and field Undersigned keeps, and why. This page is generated from the database
        schema itself, so it cannot fall behind it. We keep no analytics, no IP addresses, no
        browser details, and nothing that links an anonymous comment to a person.
      </p>
      <p className="mt-2 max-w-3xl">
        An anonymous signature is an <a href="#AnonSignature" className="text-brand underline">AnonSignature</a> row: no
        account, no time of day, written in a batch in random order. You count only once because your browser spends the
        petition&apos;s blind-signed token, and the server issues one per person (<a href="#SignTokenIssuance" className="text-brand underline">SignTokenIssuance</a>);
        every signed-in visitor collects one, so that row says you saw the petition, not that you signed it. A signature made
        anonymously before tokens existed is noted there until your browser collects the token on your next visit. Signing
        anonymously writes nothing else tied to you (no follow, no notification, no mail).
      </p>
      <nav aria-label="Tables" className="mt-4">
        <ul className="flex flex-wrap gap-2 text-sm">
          {models.map((m) => (
            <li key={m.name}><a href={`#${m.name}`} className="rounded bg-white px-2 py-1 ring-1 ring-gray-300 hover:bg-gray-50">{m.name}</a></li>
          ))}
        </ul>
      </nav>
      {models.map((m) => (
        <section key={m.name} id={m.name} aria-labelledby={`${m.name}-heading`} className="mt-8">
          <h2 id={`${m.name}-heading`} className="text-xl font-bold">{m.name}</h2>
          <p className="mt-1">{m.description}</p>
          <div className="mt-3 overflow-x-auto">
            <table className="w-full min-w-[32rem] border-collapse text-sm">
              <thead>
                <tr className="border-b border-gray-300 text-left">
                  <th scope="col" className="py-1 pr-4">Field</th>
                  <th scope="col" className="py-1 pr-4">Kind</th>
                  <th scope="col" className="py-1">Why we keep it</th>
                </tr>
              </thead>
              <tbody>
                {m.fields.map((f) => (
                  <tr key={f.name} className="border-b border-gray-200 align-top">
                    <td className="py-1 pr-4 font-mono">{f.name}</td>
                    <td className="py-1 pr-4 text-muted">{f.relation ? `link to ${f.type.replace(/[?[\]]/g, "")}` : f.type.replace("?", " (optional)")}</td>
                    <td className="py-1">{f.description}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}
