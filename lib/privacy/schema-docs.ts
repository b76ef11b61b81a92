// Reads prisma/schema.prisma and its `///` descriptions: the "What we store" page is generated
// from it, and a test fails when a stored model or field has no description.
import { readFileSync } from "node:fs";
import path from "node:path";

export type StoredField = { name: string; type: string; description: string | null; relation: boolean };
export type StoredModel = { name: string; description: string | null; fields: StoredField[] };

const SCALARS = new Set(["String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime", "Json", "Bytes"]);

export function parseSchemaDocs(source: string): StoredModel[] {
  const models: StoredModel[] = [];
  const lines = source.split("\n");
  let current: StoredModel | null = null;
  let doc: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (line.startsWith("///")) {
      doc.push(line.slice(3).trim());
      continue;
    }
    const model = /^model (\w+) \{/.exec(line);
    if (model) {
      current = { name: model[1]!, description: doc.length ? doc.join(" ") : null, fields: [] };
      models.push(current);
    } else if (current && line === "}") {
      current = null;
    } else if (current && /^\w+\s+\S/.test(line) && !line.startsWith("@@")) {
      const [name, type] = line.split(/\s+/) as [string, string];
      const base = type.replace(/[?[\]]/g, "");
      current.fields.push({ name, type, description: doc.length ? doc.join(" ") : null, relation: !SCALARS.has(base) });
    }
    if (!line.startsWith("///")) doc = [];
  }
  return models;
}

export function undocumented(models: StoredModel[]): string[] {
  return models.flatMap((m) => [
    ...(m.description ? [] : [m.name]),
    ...m.fields.filter((f) => !f.description).map((f) => `${m.name}.${f.name}`),
  ]);
}

export function readSchemaDocs(file = path.join(process.cwd(), "prisma", "schema.prisma")): StoredModel[] {
  return parseSchemaDocs(readFileSync(file, "utf8"));
}
