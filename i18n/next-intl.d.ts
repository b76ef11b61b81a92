// Typed messages: `t("Namespace.key")` with a key that English lacks fails the typecheck.
import type { Locale } from "./locales";
import type { Messages } from "./messages";

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
