import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";
import { formId, formText, makeFormAction, readFields, revalidationFor, type FormActionDeps } from "@/lib/http/form-action-core";

const actor: Actor = { id: "u1", name: "Maya", email: "maya@example.com", role: "employee" } as Actor;

function fakes(overrides: Partial<FormActionDeps> = {}) {
  const calls = { revalidated: [] as string[], limited: [] as string[], redirects: [] as string[] };
  const deps: FormActionDeps = {
    db: {} as Db,
    getActor: async () => actor,
    limitActor: async (kind, a) => {
      calls.limited.push(kind);
      return a;
    },
    revalidatePath: (path, type) => void calls.revalidated.push(type ? `${path} (${type})` : path),
    redirect: (url) => {
      calls.redirects.push(url);
      throw Object.assign(new Error("NEXT_REDIRECT"), { digest: `NEXT_REDIRECT;push;${url}` });
    },
    ...overrides,
  };
  return { formAction: makeFormAction(deps), calls };
}

const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

describe("revalidationFor", () => {
  it("maps what changed to the pages that show it", () => {
    expect(revalidationFor({ petition: { slug: "fix-the-coffee-ab12" }, pages: ["my", "timeline"] })).toEqual([
      { path: "/petitions/fix-the-coffee-ab12" },
      { path: "/petitions/fix-the-coffee-ab12/dashboard" },
      { path: "/my" },
      { path: "/timeline" },
    ]);
    expect(revalidationFor({ program: { slug: "screen-recording" }, layout: true })).toEqual([{ path: "/", type: "layout" }, { path: "/programs/screen-recording" }]);
    expect(revalidationFor({})).toEqual([]);
  });

  it("never builds a path from something that is not a slug", () => {
    expect(revalidationFor({ petition: { slug: "../admin" }, program: { slug: "a/b" } })).toEqual([]);
    expect(revalidationFor({ petition: null, program: null })).toEqual([]);
  });

  it("lists a path once", () => {
    expect(revalidationFor({ pages: ["admin", "admin"] })).toEqual([{ path: "/admin" }]);
  });
});

describe("readFields", () => {
  it("keeps text fields, every value of list fields, and leaves out files and React's fields", () => {
    const f = form([["a", "1"], ["a", "2"], ["list", "x"], ["list", "y"], ["$ACTION_ID_1", "z"]]);
    f.append("file", new Blob(["bytes"]), "f.txt");
    expect(readFields(f, ["list"])).toEqual({ a: "1", list: ["x", "y"] });
  });
});

describe("formAction", () => {
  type Result = { slug: string; by?: string };
  const spec = {
    input: z.object({ petitionId: formId("petition"), note: formText }),
    run: async ({ input, actor: who }: { input: { petitionId: string; note?: string }; actor: Actor | null }): Promise<Result> => ({ slug: `slug-of-${input.petitionId}`, by: who?.name }),
    changed: (r: Result) => ({ petition: { slug: r.slug } }),
    message: (r: Result, input: { note?: string }) => msg("Actions.admin.settingsSaved", { settings: `${r.by}, ${input.note}` }),
  };

  it("reads the input, runs the command as the actor and revalidates what it changed", async () => {
    const { formAction, calls } = fakes();
    const state = await formAction(form([["petitionId", "p1"], ["note", "hello"]]), spec);
    expect(state).toEqual({ ok: true, message: "Saved: Maya, hello." });
    expect(calls.revalidated).toEqual(["/petitions/slug-of-p1", "/petitions/slug-of-p1/dashboard"]);
    expect(calls.limited).toEqual([]);
  });

  it("says it in the request's language: the success message, the schema's refusal and a domain error", async () => {
    const { formAction } = fakes({ locale: async () => "de" });
    expect(await formAction(form([["petitionId", "p1"], ["note", "hallo"]]), spec)).toEqual({ ok: true, message: "Gespeichert: Maya, hallo." });
    const refused = await formAction(form([["note", "x"]]), spec);
    expect(refused.message).toBe("Das Formular sagt nicht, um welche Petition es geht; laden Sie die Seite neu und versuchen Sie es erneut.");
    expect(refused.fields).toEqual({ petitionId: refused.message });
    const failed = await formAction(form([["petitionId", "p1"]]), {
      ...spec,
      run: async (): Promise<Result> => {
        throw new DomainError("invalid_input", msg("Validation.moderation.explainDecisionLeast5"), { note: msg("Validation.moderation.explainDecisionLeast5"), token: "spent" });
      },
    });
    expect(failed).toMatchObject({ ok: false, message: "Begründen Sie die Entscheidung mit mindestens 5 Zeichen.", fields: { note: "Begründen Sie die Entscheidung mit mindestens 5 Zeichen.", token: "spent" } });
  });

  it("refuses input the schema refuses, in words, with the typed values, before running anything", async () => {
    const { formAction, calls } = fakes();
    let ran = false;
    const state = await formAction(form([["note", "typed text"]]), { ...spec, run: async (ctx) => ((ran = true), spec.run(ctx)) });
    expect(ran).toBe(false);
    expect(state.ok).toBe(false);
    expect(state.message).toBe("The form does not say which petition; reload the page and try again.");
    expect(state.values).toEqual({ note: "typed text" });
    expect(calls.revalidated).toEqual([]);
  });

  it("spends the rate limit before the command, and a refusal stops it", async () => {
    const { formAction, calls } = fakes({
      limitActor: async (kind) => {
        throw new DomainError("rate_limited", msg("Errors.ratelimit.tooMany", { kind, seconds: 5 }));
      },
    });
    const state = await formAction(form([["petitionId", "p1"]]), { ...spec, rateLimit: "sign" });
    expect(state).toMatchObject({ ok: false, message: "Too many signature changes in a short time; try again in 5 seconds." });
    expect(calls.revalidated).toEqual([]);
    const ok = fakes();
    await ok.formAction(form([["petitionId", "p1"]]), { ...spec, rateLimit: "sign" });
    expect(ok.calls.limited).toEqual(["sign"]);
  });

  it("turns a domain error into the form's state and revalidates nothing", async () => {
    const { formAction, calls } = fakes();
    const state = await formAction(form([["petitionId", "p1"], ["note", "x"]]), {
      ...spec,
      run: async (): Promise<Result> => {
        throw new DomainError("invalid_input", msg("Validation.moderation.explainDecisionLeast5"), { note: msg("Validation.moderation.explainDecisionLeast5") });
      },
    });
    expect(state).toEqual({ ok: false, message: "Explain the decision in at least 5 characters.", fields: { note: "Explain the decision in at least 5 characters." }, values: { petitionId: "p1", note: "x" } });
    expect(calls.revalidated).toEqual([]);
  });

  it("redirects after success, outside the error handling", async () => {
    const { formAction, calls } = fakes();
    await expect(formAction(form([["petitionId", "p1"]]), { ...spec, redirectTo: (r) => `/petitions/${r.slug}` })).rejects.toThrow("NEXT_REDIRECT");
    expect(calls.redirects).toEqual(["/petitions/slug-of-p1"]);
    expect(calls.revalidated).toEqual(["/petitions/slug-of-p1", "/petitions/slug-of-p1/dashboard"]);
  });

  it("ignores a path or slug field in the form: only the command's result decides", async () => {
    const { formAction, calls } = fakes();
    await formAction(form([["petitionId", "p1"], ["slug", "someone-elses"], ["path", "/admin"]]), spec);
    expect(calls.revalidated.join(" ")).not.toMatch(/someone-elses|admin/);
  });
});

describe("refusals name fields in words", async () => {
  const { invalidInput, fieldInWords } = await import("@/lib/errors");
  it("never puts a field's key in the summary", () => {
    const e = invalidInput([
      { path: ["body"], message: "The response needs at least 10 characters." },
      { path: ["statusReason"], message: "Invalid input: expected string, received undefined" },
    ]);
    expect(e.message).toBe("The response needs at least 10 characters. Status reason: invalid input: expected string, received undefined");
    expect(e.message).not.toMatch(/body:|statusReason:/);
    expect(e.fields).toEqual({ body: "The response needs at least 10 characters.", statusReason: "Status reason: invalid input: expected string, received undefined" });
  });
  it("turns keys into words", () => {
    expect(fieldInWords("reasonText")).toBe("Reason text");
    expect(fieldInWords("commitments.0.dueOn")).toBe("Commitment 1, due on");
    expect(fieldInWords("blindedMessages.1")).toBe("Blinded message 2");
    expect(invalidInput([{ path: ["blindedMessages", 0], message: "must be base64" }]).message).toBe("Blinded message 1: must be base64");
  });
});
