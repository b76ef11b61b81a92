// The OpenAPI 3.1 document of the JSON API, generated from OPERATIONS (./operations.ts) with zod's
// own JSON Schema output (draft 2020-12, the dialect OpenAPI 3.1 uses): no generator package, and
// the schemas are the very objects the route handlers read and answer with (docs/decisions/023).
import { z } from "zod";
import { OPERATIONS, UNDOCUMENTED_ROUTES, type Answer, type Operation } from "./operations";
import * as S from "./schemas";
import { issueInputSchema, tokenSchema } from "@/lib/anonymity/tokens";
import { postCommentSchema } from "@/lib/comments";
import { collectInputSchema } from "@/lib/signatures/tokens";
import { formatCount } from "@/lib/format";

type Json = Record<string, unknown>;

/** Named schemas become components; the names are what the document and the page show. */
const OUTPUTS: [string, z.ZodType][] = [
  ["ApiError", S.apiErrorSchema],
  ["PetitionSummary", S.petitionSummarySchema],
  ["PetitionPage", S.petitionPageSchema],
  ["PetitionDetail", S.petitionDetailSchema],
  ["PublicCount", S.publicCountSchema],
  ["SignResult", S.signResultSchema],
  ["WithdrawResult", S.withdrawResultSchema],
  ["PublicComment", S.publicCommentSchema],
  ["CommentPage", S.commentPageSchema],
  ["PostedComment", S.postedCommentSchema],
  ["ProgramList", S.programListSchema],
  ["ProgramDetail", S.programDetailSchema],
  ["TimelineItem", S.timelineItemSchema],
  ["TimelinePage", S.timelinePageSchema],
  ["Allowance", S.allowanceSchema],
  ["IssuedTokens", S.issuedTokensSchema],
  ["PublishedKeys", S.publishedKeysSchema],
  ["Unsubscribed", S.unsubscribedSchema],
  ["CollectableSignTokens", S.collectableSignTokensSchema],
  ["CollectedSignTokens", S.collectedSignTokensSchema],
  ["AnonymousSignatureAnswer", S.anonymousSignatureAnswerSchema],
];
const INPUTS: [string, z.ZodType][] = [
  ["SignatureInput", S.signRequestSchema],
  ["CommentInput", postCommentSchema],
  ["AnonymousToken", tokenSchema],
  ["TokenRequest", issueInputSchema],
  ["SignTokenRequest", collectInputSchema],
  ["AnonymousSignatureInput", S.anonymousSignatureInputSchema],
];

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** JSON Schemas of a set of named zod schemas, referring to each other by $ref. */
function components(named: [string, z.ZodType][], io: "input" | "output"): { schemas: Record<string, Json>; nameOf: Map<z.ZodType, string> } {
  const registry = z.registry<{ id: string }>();
  const nameOf = new Map<z.ZodType, string>();
  for (const [id, schema] of named) {
    registry.add(schema, { id });
    nameOf.set(schema, id);
  }
  const out = z.toJSONSchema(registry, { target: "draft-2020-12", io, unrepresentable: "any", uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, Json> };
  const schemas: Record<string, Json> = {};
  for (const [id, schema] of Object.entries(out.schemas)) {
    const { $schema: _dialect, $id: _id, ...rest } = schema;
    void _dialect;
    void _id;
    schemas[id] = rest;
  }
  return { schemas, nameOf };
}

function inline(schema: z.ZodType, io: "input" | "output"): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Json;
  void _dialect;
  return rest;
}

function parameters(op: Operation): Json[] {
  const params: Json[] = Object.entries(op.pathParams ?? {}).map(([name, description]) => ({ name, in: "path", required: true, description, schema: { type: "string" } }));
  for (const [name, field] of Object.entries(op.query?.shape ?? {})) {
    const schema = inline(field as z.ZodType, "input");
    const { description, ...rest } = schema;
    const optional = (field as z.ZodType).safeParse(undefined).success;
    params.push({ name, in: "query", required: !optional, ...(description ? { description } : {}), schema: rest });
  }
  return params;
}

function response(answer: Answer, outputs: Map<z.ZodType, string>): Json {
  const headers = answer.headers
    ? { headers: Object.fromEntries(Object.entries(answer.headers).map(([h, d]) => [h, { description: d, schema: { type: "string" } }])) }
    : {};
  if (answer.empty) return { description: answer.description, ...headers };
  if (answer.eventStream) return { description: answer.description, content: { "text/event-stream": { schema: { type: "string" } } } };
  if (answer.error) return { description: answer.description, content: { "application/json": { schema: ref("ApiError") } } };
  if (!answer.schema) return { description: answer.description, content: { "application/json": { schema: { type: "object" } } }, ...headers };
  const name = outputs.get(answer.schema);
  return { description: answer.description, content: { "application/json": { schema: name ? ref(name) : inline(answer.schema, "output") } }, ...headers };
}

const SECURITY: Record<Operation["auth"], Json[] | undefined> = {
  none: [],
  session: [{ session: [] }],
  "optional-session": [{}, { session: [] }],
  "no-credentials": [],
};

function build(): Json {
  const outputs = components(OUTPUTS, "output");
  const inputs = components(INPUTS, "input");
  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS) {
    const body = op.body
      ? {
          requestBody: {
            required: true,
            description: [`JSON, at most ${formatCount(op.body.maxBytes)} bytes.`, op.body.description].filter(Boolean).join(" "),
            content: { "application/json": { schema: inputs.nameOf.has(op.body.schema) ? ref(inputs.nameOf.get(op.body.schema)!) : inline(op.body.schema, "input") } },
          },
        }
      : {};
    const responses = Object.fromEntries(
      Object.entries(op.responses)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([status, answer]) => [status, response(answer, outputs.nameOf)]),
    );
    const params = parameters(op);
    paths[op.path] = {
      ...paths[op.path],
      [op.method]: {
        operationId: op.id,
        tags: [op.tag],
        summary: op.summary,
        description: op.description,
        security: SECURITY[op.auth],
        ...(op.auth === "no-credentials" ? { "x-credentials": "refused: send without cookies or Authorization" } : {}),
        ...(params.length ? { parameters: params } : {}),
        ...body,
        responses: { ...responses, "500": { description: "Something failed on the server; nothing was half-written.", content: { "application/json": { schema: ref("ApiError") } } } },
      },
    };
  }
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Undersigned API",
      version: "1",
      summary: "Petitions, anonymous comments about workplace monitoring, and leadership's answers on a public timeline.",
      description:
        "Every answer is JSON (the stream excepted); every error is an `ApiError` with a stable `code` and a message a person can act on. Mutations must come from this site (or a client that sends no Origin header of another site); bodies over 1 MB are refused with 413. Signed-in requests carry the session cookie set by signing in on this site; there are no API keys.",
    },
    servers: [{ url: "/" }],
    tags: [...new Set(OPERATIONS.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { ...outputs.schemas, ...inputs.schemas },
      securitySchemes: {
        session: {
          type: "apiKey",
          in: "cookie",
          name: "authjs.session-token",
          description: "The session cookie set by signing in (named __Secure-authjs.session-token over HTTPS).",
        },
      },
    },
    "x-undocumented-routes": UNDOCUMENTED_ROUTES,
  };
}

let cached: Json | null = null;
/** The document; made once per process, since it depends on nothing but the code. */
export function openApiDocument(): Json {
  cached ??= build();
  return cached;
}
