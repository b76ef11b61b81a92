// The OpenAPI document as a document: it builds, every reference resolves, every operation has a
// success answer and a unique id, and the schema checker the contract test uses (test/e2e/
// support/json-schema.ts) agrees with zod about answers that fit and answers that do not.
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";
import { OPERATIONS, routeOf } from "@/lib/api/operations";
import { commentPageSchema, petitionPageSchema, programDetailSchema } from "@/lib/api/schemas";
import { validate } from "@/test/e2e/support/json-schema";

type Doc = { openapi: string; paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>; components: { schemas: Record<string, Record<string, unknown>> } };
const doc = openApiDocument() as unknown as Doc;
const schemas = doc.components.schemas;

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with one entry per operation and unique operation ids", () => {
    expect(doc.openapi).toBe("3.1.0");
    const ops = Object.values(doc.paths).flatMap((m) => Object.values(m));
    expect(ops).toHaveLength(OPERATIONS.length);
    expect(new Set(ops.map((o) => o.operationId)).size).toBe(ops.length);
    for (const o of ops) expect(Object.keys(o.responses).some((s) => s.startsWith("2")), o.operationId).toBe(true);
  });

  it("refers only to schemas it has", () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(20);
    for (const r of refs) expect(Object.keys(schemas)).toContain(r.slice(8, -1).replace("#/components/schemas/", ""));
  });

  it("maps paths to the route folders under app/", () => {
    expect(routeOf("/api/petitions/{id}/signature")).toBe("/api/petitions/[id]/signature");
  });

  it("accepts what the answer schemas accept and refuses an undocumented field or a wrong type", () => {
    const question = { id: "q1", day: "2026-12-01", askedBy: { name: "Priya Raman", role: "leadership" }, bodyHtml: "<p>Why?</p>", answer: { day: "2026-12-01", bodyHtml: "<p>Because.</p>" } };
    const comment = {
      id: "c1",
      day: "2026-11-30",
      bodyHtml: "<p>Hi</p>",
      hidden: null,
      answerKey: "B".repeat(87),
      revealed: { name: "Kai Sorensen", day: "2026-12-01" },
      questions: [question],
      replies: [{ id: "c2", day: "2026-12-01", bodyHtml: null, hidden: { reason: "spam", day: "2026-12-01" }, answerKey: null, revealed: null, questions: [], replies: [] }],
    };
    const page = { items: [comment], nextCursor: null };
    expect(commentPageSchema.safeParse(page).success).toBe(true);
    expect(validate(page, schemas.CommentPage!, schemas)).toEqual([]);
    expect(validate({ ...page, extra: 1 }, schemas.CommentPage!, schemas)).toEqual(['$: "extra" is not in the document']);
    const nested = { items: [{ ...comment, replies: [{ ...comment.replies[0], bodyHtml: 3 }] }], nextCursor: null };
    expect(commentPageSchema.safeParse(nested).success).toBe(false);
    expect(validate(nested, schemas.CommentPage!, schemas)).toEqual(["$.items[0].replies[0].bodyHtml: expected string or null, got integer"]);
    const badRole = { items: [{ ...comment, questions: [{ ...question, askedBy: { name: "X", role: "author" } }] }], nextCursor: null };
    expect(commentPageSchema.safeParse(badRole).success).toBe(false);
    expect(validate(badRole, schemas.CommentPage!, schemas)).toHaveLength(1);
    expect(petitionPageSchema.safeParse({ items: [], nextCursor: "x" }).success).toBe(true);
    expect(validate({ items: [], nextCursor: 5 }, schemas.PetitionPage!, schemas)).toHaveLength(1);
    expect(validate({ error: { code: "teapot", message: "x" } }, schemas.ApiError!, schemas)[0]).toMatch(/is not one of/);
    expect(programDetailSchema.shape.statusHistory.element.shape.from.safeParse(null).success).toBe(true);
  });

  it("refuses to pass a schema keyword the checker does not know", () => {
    expect(() => validate(1, { type: "integer", multipleOf: 2 }, {})).toThrow(/multipleOf/);
  });
});
