// The "What we store" promise: every stored model and field says why it exists, and the
// anonymous models cannot point at a person.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSchemaDocs, undocumented } from "@/lib/privacy/schema-docs";
import { toPostgresSchema } from "@/scripts/postgres-schema";

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

describe("prisma/postgres/schema.prisma", () => {
  const postgres = readFileSync(path.resolve(__dirname, "../../prisma/postgres/schema.prisma"), "utf8");

  it("is what scripts/postgres-schema.ts generates from prisma/schema.prisma (nobody edits it)", () => {
    expect(postgres).toBe(toPostgresSchema(schema));
  });

  it("differs from the SQLite schema only in its provider, client folder and header", () => {
    expect(postgres).toMatch(/provider = "postgresql"/);
    expect(postgres).toMatch(/output\s+= "..\/..\/lib\/generated\/prisma-pg"/);
    expect(parseSchemaDocs(postgres)).toEqual(models);
    const body = (s: string) => s.replace(/^\/\/ GENERATED[\s\S]*?\n\n/, "").replace('"postgresql"', '"sqlite"').replace('"../../lib/generated/prisma-pg"', '"../lib/generated/prisma"');
    expect(body(postgres)).toBe(schema);
  });

  it("matches the schema the committed PostgreSQL migrations produce", () => {
    const snapshot = readFileSync(path.resolve(__dirname, "../../prisma/postgres/migrations/schema.snapshot.prisma"), "utf8");
    expect(snapshot).toBe(postgres);
  });

  it("the generator refuses a schema it does not recognise", () => {
    expect(() => toPostgresSchema(schema.replace('provider = "sqlite"', 'provider = "mysql"'))).toThrow(/datasource provider/);
    expect(() => toPostgresSchema(schema.replace("String   @id", "String @db.Text @id"))).toThrow(/SQLite-specific|portable/);
  });
});

describe("anonymous models", () => {
  const anonymous = ["AnonComment", "SpentToken", "CommentAnswer"];
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
    expect(pointing).toEqual(["AnonComment", "CommentFlag", "CommentQuestion", "CommentReveal", "Petition", "Program"]);
    // A flag records its reporter, never the comment's author; it carries no author field.
    const flag = models.find((m) => m.name === "CommentFlag")!;
    expect(flag.fields.map((f) => f.name)).not.toContain("authorId");
  });

  it("an answer as the author holds only its question, its text and a day, under a random id", () => {
    const model = models.find((m) => m.name === "CommentAnswer")!;
    expect(model.fields.map((f) => f.name).sort()).toEqual(["body", "day", "id", "question", "questionId"]);
    expect(schema).toMatch(/model CommentAnswer \{[^}]*id\s+String\s+@id @default\(uuid\(4\)\)/);
    // The question names its asker, never the comment's writer: no field for one.
    const question = models.find((m) => m.name === "CommentQuestion")!;
    expect(question.fields.map((f) => f.name).filter((n) => /author|writer/i.test(n))).toEqual([]);
  });

  it("TokenIssuance keeps only a weekly count: no time, no message", () => {
    const model = models.find((m) => m.name === "TokenIssuance")!;
    expect(model.fields.map((f) => f.name).sort()).toEqual(["issued", "purpose", "user", "userId", "week"]);
  });
});
