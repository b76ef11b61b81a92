"use client";

import { useState, type FormEvent } from "react";
import type { ActionState } from "@/lib/http/action-state";
import { useTranslations } from "next-intl";
import { BODY_LIMIT, formDataTooLarge } from "@/lib/http/body-limit";

/**
 * Stops a form whose fields are over the server's body limit before it is sent, and says why
 * (the server would answer 413 with the same words). Returns the submit handler and the state
 * to show instead of the action's while the refusal stands.
 */
export function useBodyLimit(state: ActionState) {
  const t = useTranslations("BodyLimit");
  const [refused, setRefused] = useState<{ for: ActionState } | null>(null);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    if (formDataTooLarge(new FormData(e.currentTarget))) {
      e.preventDefault();
      setRefused({ for: state });
    } else {
      setRefused(null);
    }
  };
  // A new result from the server replaces the refusal. The values stay the same object, so
  // forms keyed on them keep what the person typed.
  const shown: ActionState = refused && refused.for === state ? { ...state, ok: false, message: t("tooBig", { megabytes: BODY_LIMIT / 1024 / 1024 }), fields: undefined } : state;
  return { onSubmit, state: shown };
}
