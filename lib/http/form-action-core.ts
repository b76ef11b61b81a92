// The one way a server action runs (docs/decisions/020): read the form's fields through a zod
// schema, find the actor, spend the rate limit, run the domain command, and revalidate the pages
// that show what the command says it changed. The paths come from the command's result (the
// petition or program it touched, looked up in the database), never from a path or slug in the
// form, so a forged field cannot decide what is revalidated.
//
// This file has no Next.js or database imports so that unit tests can give it fakes;
// lib/http/form-action.ts binds it to the server's actor, database, limiter and cache.
import { z } from "zod";
import { storable } from "@/lib/validation";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { msg, renderMessage, zodMessage, type DomainMessage } from "@/lib/i18n/message";
import type { Kind } from "@/lib/ratelimit/limiter";
import { runAction, type ActionState, type LocaleOf } from "./action";

/** Pages that are not one petition or one program. */
export const SITE_PAGES = {
  home: "/",
  petitions: "/petitions",
  my: "/my",
  leadership: "/leadership",
  admin: "/admin",
  moderation: "/moderation",
  "moderation-log": "/moderation-log",
  notifications: "/notifications",
  timeline: "/timeline",
} as const;
export type SitePage = keyof typeof SITE_PAGES;

/** What a command changed, as it reports it; revalidation follows from this alone. */
export type Changed = {
  petition?: { slug: string } | null;
  program?: { slug: string } | null;
  pages?: readonly SitePage[];
  /** Everything under the root layout (the header's unread count, for one). */
  layout?: boolean;
};

export type Revalidation = { path: string; type?: "layout" | "page" };

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** The paths to revalidate for what changed. */
export function revalidationFor(changed: Changed): Revalidation[] {
  const out: Revalidation[] = [];
  if (changed.layout) out.push({ path: "/", type: "layout" });
  // Slugs come from the database; the check keeps a path from ever being anything but a slug.
  if (changed.petition && SLUG.test(changed.petition.slug)) {
    out.push({ path: `/petitions/${changed.petition.slug}` }, { path: `/petitions/${changed.petition.slug}/dashboard` });
  }
  if (changed.program && SLUG.test(changed.program.slug)) out.push({ path: `/programs/${changed.program.slug}` });
  for (const page of changed.pages ?? []) out.push({ path: SITE_PAGES[page] });
  return out.filter((r, i) => out.findIndex((o) => o.path === r.path && o.type === r.type) === i);
}

export type FormActionDeps = {
  db: Db;
  getActor: () => Promise<Actor | null>;
  limitActor: (kind: Kind, actor: Actor | null) => Promise<Actor | null>;
  revalidatePath: (path: string, type?: "layout" | "page") => void;
  redirect: (url: string) => never;
  /** The request's language, for the messages the form shows (English when not given). */
  locale?: LocaleOf;
};

type InputSchema<I> = {
  safeParse(input: unknown): { success: true; data: I } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
};

export type FormActionSpec<I, R> = {
  /** The form's fields: each a string (or, for names in `lists`, every value of that name). */
  input: InputSchema<I>;
  lists?: readonly string[];
  /** The rate limit this action spends, per person. */
  rateLimit?: Kind;
  run: (ctx: { db: Db; actor: Actor | null; input: I }) => Promise<R>;
  /** What the command changed, from its result. */
  changed: (result: R) => Changed;
  /** The message shown on success, rendered in the request's language. */
  message?: (result: R, input: I) => DomainMessage;
  /** Where to go on success instead of showing a message. */
  redirectTo?: (result: R) => string | undefined;
};

/** The form's text fields as an object (files and React's `$ACTION_…` fields left out). */
export function readFields(formData: FormData, lists: readonly string[] = []): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string" || key.startsWith("$")) continue;
    if (lists.includes(key)) ((fields[key] ??= []) as string[]).push(value);
    else fields[key] ??= value;
  }
  return fields;
}

export function makeFormAction(deps: FormActionDeps) {
  return async function formAction<I, R>(formData: FormData, spec: FormActionSpec<I, R>): Promise<ActionState> {
    let target: string | undefined;
    const state = await runAction(formData, async () => {
      const input = parseInput(spec.input, readFields(formData, spec.lists));
      const actor = spec.rateLimit ? await deps.limitActor(spec.rateLimit, await deps.getActor()) : await deps.getActor();
      const result = await spec.run({ db: deps.db, actor, input });
      for (const { path, type } of revalidationFor(spec.changed(result))) deps.revalidatePath(path, type);
      target = spec.redirectTo?.(result);
      const message = spec.message?.(result, input);
      return { ok: true, message: message && (deps.locale ? renderMessage(message, await deps.locale()) : renderMessage(message)) };
    }, deps.locale);
    // Outside runAction: redirect() works by throwing.
    if (target) deps.redirect(target);
    return state;
  };
}

/** A hidden id field: present and short, or the form was not sent from this site's page. */
export const FORM_IDS = ["petition", "person", "comment", "appeal", "program", "response", "commitment"] as const;
export const formId = (what: (typeof FORM_IDS)[number]) => {
  const missing = zodMessage(msg("Validation.form.missingId", { what }));
  return z.string({ error: missing }).min(1, missing).max(200, zodMessage(msg("Validation.form.foreignId", { what }))).refine(storable, zodMessage(msg("Validation.form.foreignId", { what })));
};

/** An optional text field: the domain command validates it. */
export const formText = z.string().optional();
