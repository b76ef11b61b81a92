// The "What we store" promise starts here: every stored model and field says why it exists.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const schemaPath = path.resolve(__dirname, "../../prisma/schema.prisma");
const schema = readFileSync(schemaPath, "utf8");

function undocumented(source: string): string[] {
  const missing: string[] = [];
  const lines = source.split("\n");
  let model: string | null = null;
  lines.forEach((line, i) => {
    const trimmed = line.trim();
    const prev = lines[i - 1]?.trim() ?? "";
    const modelMatch = /^model (\w+) \{/.exec(trimmed);
    if (modelMatch) {
      model = modelMatch[1]!;
      if (!prev.startsWith("///")) missing.push(model);
      return;
    }
    if (trimmed === "}") model = null;
    if (model && /^\w+\s+\S/.test(trimmed) && !trimmed.startsWith("@@") && !prev.startsWith("///")) {
      missing.push(`${model}.${trimmed.split(/\s+/)[0]}`);
    }
  });
  return missing;
}

describe("prisma/schema.prisma", () => {
  it("describes every model and field with a /// comment", () => {
    expect(undocumented(schema)).toEqual([]);
  });

  it("the checker notices a field without a description", () => {
    expect(undocumented("/// A thing.\nmodel Thing {\n  /// Id.\n  id String @id\n  secret String\n}\n")).toEqual(["Thing.secret"]);
  });

  it("matches the schema the committed migrations produce (run npm run db:migration after a change)", () => {
    const snapshot = readFileSync(path.resolve(__dirname, "../../prisma/migrations/schema.snapshot.prisma"), "utf8");
    expect(snapshot).toBe(schema);
  });
});
