// The "What we store" promise: every stored model and field says why it exists, and the
// anonymous models cannot point at a person.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSchemaDocs, undocumented } from "@/lib/privacy/schema-docs";

const schema = readFileSync(path.resolve(__dirname, "../../prisma/schema.prisma"), "utf8");
const models = parseSchemaDocs(schema);

describe("prisma/schema.prisma", () => {
  it("describes every model and field with a /// comment", () => {
    expect(models.length).toBeGreaterThan(5);
    expect(undocumented(models)).toEqual([]);
  });

  it("the checker notices a field without a description", () => {
    expect(undocumented(parseSchemaDocs("/// A thing.\nmodel Thing {\n  /// Id.\n  id String @id\n  secret String\n}\n"))).toEqual(["Thing.secret"]);
  });

  it("matches the schema the committed migrations produce (run npm run db:migration after a change)", () => {
    const snapshot = readFileSync(path.resolve(__dirname, "../../prisma/migrations/schema.snapshot.prisma"), "utf8");
    expect(snapshot).toBe(schema);
  });
});

describe("anonymous models", () => {
  const anonymous = ["AnonComment", "SpentToken"];
  const forbidden = /user|author|email|ip|address|agent|session|account|name|device|cookie/i;

  it.each(anonymous)("%s has no relation to User and no field that could identify a person", (name) => {
    const model = models.find((m) => m.name === name)!;
    expect(model).toBeDefined();
    for (const field of model.fields) {
      expect(field.type.replace(/[?[\]]/g, "")).not.toBe("User");
      expect(field.name).not.toMatch(forbidden);
    }
  });

  it("AnonComment's only date is a day, and its id is a random UUID", () => {
    const model = models.find((m) => m.name === "AnonComment")!;
    expect(model.fields.filter((f) => f.type.startsWith("DateTime"))).toEqual([]);
    expect(model.fields.filter((f) => /day$/i.test(f.name)).map((f) => f.type)).toEqual(["String", "String?"]);
    expect(schema).toMatch(/model AnonComment \{[^}]*id\s+String\s+@id @default\(uuid\(4\)\)/);
  });

  it("no model relates to AnonComment except threads, replies and flags", () => {
    const pointing = models.filter((m) => m.fields.some((f) => f.type.replace(/[?[\]]/g, "") === "AnonComment")).map((m) => m.name).sort();
    expect(pointing).toEqual(["AnonComment", "CommentFlag", "Petition", "Program"]);
    // A flag records its reporter, never the comment's author; it carries no author field.
    const flag = models.find((m) => m.name === "CommentFlag")!;
    expect(flag.fields.map((f) => f.name)).not.toContain("authorId");
  });

  it("TokenIssuance keeps only a weekly count: no time, no message", () => {
    const model = models.find((m) => m.name === "TokenIssuance")!;
    expect(model.fields.map((f) => f.name).sort()).toEqual(["issued", "purpose", "user", "userId", "week"]);
  });
});
