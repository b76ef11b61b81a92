// Pages and components format through the one formatter in lib/format, in the page's language:
// `useFormat()` in components (server or client), `await getFormat()` in async server components.
import { useLocale } from "next-intl";
import { formatFor, type Format } from "@/lib/format";

export { formatCount, formatDate, formatDateTime, formatRate, formatShortDay, formatTime, formatFor, type Format } from "@/lib/format";

/** The formatter for the page's language. */
export function useFormat(): Format {
  return formatFor(useLocale());
}
