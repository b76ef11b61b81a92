// A refusal the anonymous wallets show (decision 018, 026): either the server's words, which the
// server wrote in the person's language, or one of this browser's own, named by its key in
// client.json's "WalletProblem" namespace so the component says it in the page's language.
import { useTranslations } from "next-intl";
import type { Messages } from "@/i18n/messages";

export type WalletProblemKey = keyof Messages["WalletProblem"];
export type Problem = { message: string } | { key: WalletProblemKey };

/** The server's message when it gave one, else this browser's own. */
export const problemFrom = (message: string | undefined, fallback: WalletProblemKey): Problem => (message ? { message } : { key: fallback });

/** Thrown by the wallets for a refusal of this browser's own (an import of a file that is not an export). */
export class WalletProblemError extends Error {
  constructor(readonly key: WalletProblemKey) {
    super(key);
  }
}

/** Words for a problem, in the page's language. */
export function useProblemText(): (problem: Problem) => string {
  const t = useTranslations("WalletProblem");
  return (problem) => ("key" in problem ? t(problem.key) : problem.message);
}
