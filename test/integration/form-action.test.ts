// The server actions themselves, run against a real database: what they revalidate follows from
// what the command changed, so a slug or path forged into the form decides nothing.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { initialActionState } from "@/lib/http/action";
import { makeUser, openPetitionFor, testDatabase } from "./db";

const { db } = testDatabase();
const state = vi.hoisted(() => ({ actor: null as Actor | null, revalidated: [] as string[] }));

vi.mock("@/lib/http/form-action", async () => {
  const core = await vi.importActual<typeof import("@/lib/http/form-action-core")>("@/lib/http/form-action-core");
  return {
    ...core,
    formAction: core.makeFormAction({
      db,
      getActor: async () => state.actor,
      limitActor: async (_kind, actor) => actor,
      revalidatePath: (path) => void state.revalidated.push(path),
      redirect: (url) => {
        throw Object.assign(new Error("NEXT_REDIRECT"), { digest: `NEXT_REDIRECT;push;${url}` });
      },
    }),
  };
});

const { closePetitionAction, signAction } = await import("@/app/petitions/actions");
const { postUpdateAction } = await import("@/app/responses/actions");

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

beforeEach(() => {
  state.revalidated = [];
});

describe("server actions revalidate what changed", () => {
  it("a forged slug and path in the form do not decide what is revalidated", async () => {
    const organizer = await makeUser(db);
    const mine = await openPetitionFor(db, organizer);
    const other = await openPetitionFor(db, await makeUser(db));
    state.actor = organizer;

    const posted = await postUpdateAction(initialActionState, form({ petitionId: mine.id, slug: other.slug, path: `/petitions/${other.slug}`, body: "An update for everyone who follows this." }));
    expect(posted).toMatchObject({ ok: true });
    expect(state.revalidated).toContain(`/petitions/${mine.slug}`);
    expect(state.revalidated.join(" ")).not.toContain(other.slug);

    state.revalidated = [];
    const closed = await closePetitionAction(initialActionState, form({ petitionId: mine.id, slug: other.slug }));
    expect(closed).toMatchObject({ ok: true, message: "The petition is closed." });
    expect(state.revalidated).toContain(`/petitions/${mine.slug}`);
    expect(state.revalidated.join(" ")).not.toContain(other.slug);
  });

  it("signing revalidates the petition signed, found from the database", async () => {
    const p = await openPetitionFor(db, await makeUser(db));
    state.actor = await makeUser(db);
    const signed = await signAction(initialActionState, form({ petitionId: p.id, slug: "forged-slug", visibility: "named" }));
    expect(signed).toMatchObject({ ok: true });
    expect(state.revalidated).toEqual([`/petitions/${p.slug}`, `/petitions/${p.slug}/dashboard`]);
  });

  it("a refused action revalidates nothing and keeps what was typed", async () => {
    const organizer = await makeUser(db);
    const p = await openPetitionFor(db, organizer);
    state.actor = organizer;
    const refused = await postUpdateAction(initialActionState, form({ petitionId: p.id, path: "/admin", body: "short" }));
    expect(refused.ok).toBe(false);
    expect(refused.values).toMatchObject({ body: "short" });
    expect(refused.message).not.toMatch(/^body:/);
    expect(state.revalidated).toEqual([]);
  });
});
