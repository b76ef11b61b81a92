// next-intl's per-request configuration (docs/decisions/029): the language from the remembered
// choice or Accept-Language, and that language's messages. Dates and numbers are formatted in UTC,
// so the server and every browser write the same day and time.
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, localeFor } from "./locales";
import { messagesFor } from "./messages";

export default getRequestConfig(async () => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const locale = localeFor(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get("accept-language"));
  return { locale, messages: messagesFor(locale), timeZone: "UTC" };
});
