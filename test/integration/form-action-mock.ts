// The server actions' adapter (lib/http/form-action) with Next.js taken out, for integration tests
// that call the real actions against their own database. Use it from a vi.mock factory:
//   vi.mock("@/lib/http/form-action", async () => (await import("./form-action-mock")).formActionModule({ db, ... }));
// The actor and the redirect are the test's; revalidation and the language are optional.
import { vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import type { FormActionDeps } from "@/lib/http/form-action-core";

type Options = {
  db: Db;
  actor: () => Actor | null;
  revalidatePath?: FormActionDeps["revalidatePath"];
  locale?: FormActionDeps["locale"];
};

export async function formActionModule({ db, actor, revalidatePath, locale }: Options) {
  const core = await vi.importActual<typeof import("@/lib/http/form-action-core")>("@/lib/http/form-action-core");
  return {
    ...core,
    formAction: core.makeFormAction({
      db,
      getActor: async () => actor(),
      // Rate limits have their own tests; here every call goes through.
      limitActor: async (_kind, current) => current,
      revalidatePath: revalidatePath ?? (() => undefined),
      // What Next's redirect() throws, so the action's caller sees a redirect as in Next.js.
      redirect: (to) => {
        throw Object.assign(new Error("NEXT_REDIRECT"), { digest: `NEXT_REDIRECT;push;${to}` });
      },
      locale,
    }),
  };
}

/** A FormData of these fields, as the browser sends a form. */
export function formOf(fields: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}
