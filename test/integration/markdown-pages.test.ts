// Nothing a person writes can break a page (issue 14.3), end to end: every writer of Markdown
// refuses what the renderer cannot handle with a 4xx and a message, and every reader that shows
// Markdown (the API routes and the domain functions behind the petition, program and
// moderation pages) answers for whatever is stored, even a text written around the checks.
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { flagComment, listComments, listFlaggedComments, postCommentSchema } from "@/lib/comments";
import { DomainError, parseInput } from "@/lib/errors";
import { forgetRenderedMarkdown } from "@/lib/markdown";
import { createPetition } from "@/lib/petitions/commands";
import { getPetitionDetail } from "@/lib/petitions/queries";
import { createProgram, getProgram, updateProgram } from "@/lib/programs";
import { editResponse, listOrganizerUpdates, listResponses, postOrganizerUpdate, postResponse } from "@/lib/responses";
import { hostileMarkdown } from "../unit/hostile-markdown";
import { makeUser, openPetitionFor, testDatabase } from "./db";

// The route handlers use the server's own client; here it is this file's database.
const server = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("@/lib/db/server", () => ({
  get db() {
    return server.db;
  },
}));

const { db } = testDatabase();
server.db = db;

type Route = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let routes: { program: Route; programComments: Route; petitionComments: Route };
beforeAll(async () => {
  routes = {
    program: (await import("@/app/api/programs/[slug]/route")).GET as unknown as Route,
    programComments: (await import("@/app/api/programs/[slug]/comments/route")).GET as unknown as Route,
    petitionComments: (await import("@/app/api/petitions/[id]/comments/route")).GET as unknown as Route,
  };
});

const get = async (route: Route, params: Record<string, string>) => {
  const response = await route(new Request("http://localhost/api"), { params: Promise.resolve(params) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

const BOMB = ">".repeat(3_999) + "x";

async function refused(write: Promise<unknown>, field?: string) {
  const error = await write.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).status).toBe(400);
  const message = field ? (error as DomainError).fields?.[field] : (error as DomainError).message;
  expect(message).toMatch(/nests quotes or lists too deeply \(more than 16 levels\)/);
}

describe("hostile Markdown on every page that shows it", async () => {
  const organizer = await makeUser(db);
  const leader = await makeUser(db, { role: "leadership" });
  const admin = await makeUser(db, { role: "admin" });
  const moderator = await makeUser(db, { role: "moderator" });
  const petition = await openPetitionFor(db, organizer);
  const programInput = (policyText: string, slug = "hostile-markdown") => ({
    name: "Flow Insights",
    slug,
    owningTeam: "Productivity Analytics",
    purpose: "Train models on how work gets done.",
    collects: ["clicks"],
    retention: "24 months",
    dataAccess: "Model team",
    consentModel: "mandatory",
    status: "active",
    policyText,
  });
  const program = await createProgram(db, admin, programInput("We record activity, and say so here."));
  const response = await postResponse(db, leader, { target: { petitionId: petition.id }, body: "We have read the petition and will answer." });

  it("every writer refuses the quote bomb with a 400 and a message, and writes nothing", async () => {
    const before = await Promise.all([db.petition.count(), db.response.count(), db.organizerUpdate.count(), db.programPolicyVersion.count(), db.program.count()]);
    await refused(createPetition(db, organizer, { title: "A petition with a bomb", ask: "Please render this.", background: BOMB, addressedTo: "Leadership", goal: 10 }), "background");
    await refused(postResponse(db, leader, { target: { petitionId: petition.id }, body: BOMB }), "body");
    await refused(editResponse(db, leader, response.id, { body: BOMB }), "body");
    await refused(postOrganizerUpdate(db, organizer, petition.id, { body: BOMB }), "body");
    await refused(createProgram(db, admin, programInput(BOMB, "bomb-program")), "policyText");
    await refused(updateProgram(db, admin, program.slug, programInput(BOMB)), "policyText");
    await refused(Promise.resolve().then(() => parseInput(postCommentSchema, { thread: { programSlug: program.slug }, body: BOMB, token: null })), "body");
    const after = await Promise.all([db.petition.count(), db.response.count(), db.organizerUpdate.count(), db.programPolicyVersion.count(), db.program.count()]);
    expect(after).toEqual(before);
  });

  it("a bomb stored around the checks is shown as escaped text, and every reader answers", async () => {
    await db.petition.update({ where: { id: petition.id }, data: { background: BOMB } });
    await db.response.update({ where: { id: response.id }, data: { body: BOMB } });
    await db.organizerUpdate.create({ data: { petitionId: petition.id, authorId: organizer.id, body: BOMB } });
    await db.program.update({ where: { id: program.id }, data: { policyText: BOMB } });
    await db.programPolicyVersion.create({ data: { programId: program.id, version: 2, policyText: BOMB, note: "Written around the checks." } });
    const day = new Date().toISOString().slice(0, 10);
    const comment = await db.anonComment.create({ data: { programId: program.id, body: BOMB, day } });
    await db.anonComment.create({ data: { petitionId: petition.id, body: BOMB, day } });
    await flagComment(db, organizer, comment.id, { reason: "Spam or off topic" });
    forgetRenderedMarkdown();

    const escaped = expect.stringContaining("&gt;&gt;&gt;x</p>");
    const programPage = await get(routes.program, { slug: program.slug });
    expect(programPage.status).toBe(200);
    expect(programPage.body.policyHtml).toEqual(escaped);
    const versions = programPage.body.versions as { diff: { kind: string }[] | null }[];
    expect(versions[1]!.diff!.map((p) => p.kind)).toEqual(["removed", "added"]);
    for (const [route, params] of [[routes.programComments, { slug: program.slug }], [routes.petitionComments, { id: petition.id }]] as const) {
      const page = await get(route, params);
      expect(page.status).toBe(200);
      expect((page.body.items as { bodyHtml: string }[])[0]!.bodyHtml).toEqual(escaped);
    }
    // What the petition page and /moderation render.
    expect((await getPetitionDetail(db, null, { id: petition.id })).backgroundHtml).toEqual(escaped);
    expect((await listResponses(db, { petitionId: petition.id }))[0]!.bodyHtml).toEqual(escaped);
    expect((await listOrganizerUpdates(db, petition.id))[0]!.bodyHtml).toEqual(escaped);
    expect((await listFlaggedComments(db, moderator)).map((c) => c.bodyHtml)).toContainEqual(escaped);
  });

  /** Refused with a 4xx DomainError, or accepted: then the reader shows it and answers. */
  const refusedOrShown = async <T,>(write: () => Promise<T>, read: (written: T) => Promise<void>) => {
    let written: T;
    try {
      written = await write();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).status).toBeGreaterThanOrEqual(400);
      expect((error as DomainError).status).toBeLessThan(500);
      return;
    }
    forgetRenderedMarkdown();
    await read(written);
  };
  const text = (max: number) => hostileMarkdown.map((s) => `Hostile text for the record. ${s}`.slice(0, max));
  let n = 0;

  it("property: hostile petition backgrounds, responses, updates, policies and comments are refused or shown", async () => {
    await fc.assert(
      fc.asyncProperty(text(20_000), text(20_000), text(10_000), text(50_000), text(4_000), async (background, body, update, policy, comment) => {
        n++;
        await refusedOrShown(
          () => createPetition(db, organizer, { title: `Hostile petition number ${n}`, ask: "Please render this.", background, addressedTo: "Leadership", goal: 10 }).then((p) => db.petition.update({ where: { id: p.id }, data: { state: "open", openedAt: new Date() } })),
          async (p) => expect((await getPetitionDetail(db, null, { id: p.id })).backgroundHtml).toEqual(expect.any(String)),
        );
        await refusedOrShown(
          () => postResponse(db, leader, { target: { petitionId: petition.id }, body }),
          async () => expect((await listResponses(db, { petitionId: petition.id })).length).toBeGreaterThan(0),
        );
        await refusedOrShown(
          () => postOrganizerUpdate(db, organizer, petition.id, { body: update }),
          async () => expect((await listOrganizerUpdates(db, petition.id)).length).toBeGreaterThan(0),
        );
        await refusedOrShown(
          () => updateProgram(db, admin, program.slug, { ...programInput(policy), versionNote: `Hostile version ${n}` }),
          async () => {
            const page = await get(routes.program, { slug: program.slug });
            expect(page.status).toBe(200);
            expect((await getProgram(db, program.slug)).policyText).toBe(policy.normalize("NFC").trim());
          },
        );
        await refusedOrShown(
          async () => {
            const { body: accepted } = parseInput(postCommentSchema, { thread: { programSlug: program.slug }, body: comment, token: null });
            await db.anonComment.create({ data: { programId: program.id, body: accepted, day: "2099-01-01" } });
          },
          async () => {
            const page = await get(routes.programComments, { slug: program.slug });
            expect(page.status).toBe(200);
            expect((await listComments(db, { programSlug: program.slug })).items.length).toBeGreaterThan(0);
          },
        );
      }),
      { numRuns: 8 },
    );
  }, 300_000);
});
