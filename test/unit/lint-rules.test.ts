// The rules that keep the seams where decisions 004 and 016 put them: configuration is read in
// lib/config only, and app/ and components/ reach the database through lib/ only.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });
async function messages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe("reading configuration", () => {
  it("refuses process.env outside lib/config, in the app, lib and scripts", async () => {
    for (const file of ["app/x/page.tsx", "lib/x/index.ts", "scripts/x.ts", "proxy.ts"]) {
      expect(await messages(file, "export const port = process.env.PORT;\n")).toEqual([expect.stringMatching(/^no-restricted-properties: 'process.env'.*lib\/config/)]);
    }
    expect(await messages("lib/x/index.ts", "const { env } = process;\nexport const port = env.PORT;\n")).toEqual([expect.stringMatching(/^no-restricted-properties/)]);
  });

  it("allows it in lib/config and the listed exceptions", async () => {
    for (const file of ["lib/config/index.ts", "next.config.mjs", "playwright.config.ts", "test/e2e/x.spec.ts"]) {
      expect(await messages(file, "export const port = process.env.PORT;\n")).toEqual([]);
    }
  });
});

describe("direct SQL", () => {
  it("is imported only by lib/db and the signing group commit", async () => {
    const code = 'import { withSqlite } from "@/lib/db/direct";\nexport const w = withSqlite;\n';
    expect(await messages("lib/petitions/x.ts", code)).toEqual([expect.stringMatching(/^no-restricted-imports: .*lib\/db\/direct.ts/)]);
    expect(await messages("lib/signatures/direct.ts", code)).toEqual([]);
  });
});

describe("app/ and components/ read through lib/", () => {
  it("refuses queries on db and imports of the generated client in app/", async () => {
    const code = 'import { db } from "@/lib/db/server";\nimport type { Petition } from "@/lib/generated/prisma/client";\nexport const a = (): Promise<Petition[]> => db.petition.findMany();\nexport const b = () => db.$transaction([]);\n';
    const found = await messages("app/x/page.tsx", code);
    expect(found).toHaveLength(3);
    expect(found.join("\n")).toMatch(/no-restricted-imports.*generated/);
    expect(found.join("\n")).toMatch(/no-restricted-syntax: Query through a domain function/);
    expect(found.join("\n")).toMatch(/no-restricted-syntax: Raw queries and transactions/);
  });

  it("lets a page pass db to a domain function, and keeps the database out of components", async () => {
    expect(await messages("app/x/page.tsx", 'import { db } from "@/lib/db/server";\nimport { listPrograms } from "@/lib/programs";\nexport const a = () => listPrograms(db);\n')).toEqual([]);
    expect(await messages("components/X.tsx", 'import { db } from "@/lib/db/server";\nexport const x = db;\n')).toEqual([expect.stringMatching(/^no-restricted-imports/)]);
  });
});

describe("one formatter (decision 020)", () => {
  const byHand = [
    'export const n = (x: number) => x.toLocaleString("en");\n',
    "export const d = (x: Date) => x.toLocaleDateString();\n",
    "export const r = (x: number) => x.toFixed(1);\n",
    'export const f = new Intl.NumberFormat("en");\n',
  ];

  it("refuses formatting by hand in pages, components and domain code", async () => {
    for (const file of ["app/x/page.tsx", "components/X.tsx", "lib/x/index.ts"]) {
      for (const code of byHand) {
        expect(await messages(file, code), `${file}: ${code}`).toEqual([expect.stringMatching(/^no-restricted-syntax: .*lib\/format/)]);
      }
    }
    // An ISO day cut from an instant is shown to people only in pages and components.
    const iso = "export const day = (d: Date) => d.toISOString().slice(0, 10);\n";
    expect(await messages("app/x/page.tsx", iso)).toEqual([expect.stringMatching(/^no-restricted-syntax: Show a day with formatDate/)]);
    expect(await messages("lib/x/index.ts", iso)).toEqual([]);
  });

  it("keeps the database rule in pages beside it, and lets lib/format do the formatting", async () => {
    const found = await messages("app/x/page.tsx", 'import { db } from "@/lib/db/server";\nexport const a = () => db.petition.findMany();\nexport const n = (x: number) => x.toFixed(1);\n');
    expect(found).toHaveLength(2);
    expect(await messages("lib/format/index.ts", byHand.join(""))).toEqual([]);
    expect(await messages("app/x/page.tsx", 'import { formatCount } from "@/lib/format";\nexport const n = (x: number) => formatCount(x);\n')).toEqual([]);
  });
});
