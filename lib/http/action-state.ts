// A server action's answer to its form, in a module with no imports: client components import
// it, and lib/http/action.ts (which renders messages) would bring every message file with it.
export type ActionState = {
  ok: boolean;
  message?: string;
  fields?: Record<string, string>;
  /** The submitted values, so a form can show them again after an error. */
  values?: Record<string, string>;
};

export const initialActionState: ActionState = { ok: false };
