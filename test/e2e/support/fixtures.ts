// Playwright fixtures: sign in as any demo persona, open pages as several people at once, and
// fail any test whose pages log a console error or throw.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

/** The ports Playwright's config starts the app and the OIDC provider on (env overrides them). */
export const APP_ORIGIN = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
export const OIDC_PORT = Number(process.env.OIDC_PORT ?? 3199);

export const PERSONA = {
  maya: { name: "Maya Okafor", role: "Employee" },
  jonas: { name: "Jonas Berg", role: "Employee" },
  tomas: { name: "Tomás Ferreira", role: "Employee" },
  priya: { name: "Priya Raman", role: "Leadership" },
  sam: { name: "Sam Duarte", role: "Moderator" },
  lena: { name: "Lena Novak", role: "Admin" },
} as const;
export type PersonaKey = keyof typeof PERSONA;

function watchForErrors(page: Page, errors: string[]) {
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console: ${msg.text()}${msg.location().url ? ` (${msg.location().url})` : ""}`);
  });
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
}

/**
 * Signs in as a persona. Each persona uses one browser across the suite (`wallet: "shared"`, the
 * default): the signing tokens (decision 018) its pages collected are kept in a file per account
 * and put into every new context's IndexedDB, as one device would keep them. `wallet: "fresh"`
 * is a second device or a cleared browser: it holds only what it collects itself.
 */
export async function signIn(page: Page, who: PersonaKey, opts: { wallet?: "shared" | "fresh" } = {}) {
  const { name, role } = PERSONA[who];
  await page.goto("/signin");
  await page.getByRole("button", { name: new RegExp(`^Sign in as ${name}, ${role}`) }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText(name);
  await walletSettled(page);
  if (opts.wallet !== "fresh") await shareWallet(page);
}

type HeldMap = Record<string, unknown>;
const WALLETS = path.resolve("test/.tmp/wallets");

/** Merges this browser's signing tokens with the persona's device file, both ways (see signIn). */
async function shareWallet(page: Page) {
  const { userId } = (await (await page.request.get("/api/auth/session")).json()) as { userId?: string };
  if (!userId) return;
  const file = path.join(WALLETS, `${userId}.json`);
  const saved: HeldMap = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as HeldMap) : {};
  const { merged, added } = await page.evaluate(
    ({ key, saved }) =>
      new Promise<{ merged: Record<string, unknown>; added: number }>((resolve, reject) => {
        const open = indexedDB.open("undersigned-signing");
        open.onupgradeneeded = () => open.result.createObjectStore("tokens");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction("tokens", "readwrite").objectStore("tokens");
          const read = store.get(key);
          read.onerror = () => reject(read.error);
          read.onsuccess = () => {
            const local = (read.result ?? {}) as Record<string, unknown>;
            let added = 0;
            for (const [id, held] of Object.entries(saved)) {
              if (id in local) continue;
              local[id] = held;
              added++;
            }
            const write = store.put(local, key);
            write.onerror = () => reject(write.error);
            write.onsuccess = () => resolve({ merged: local, added });
          };
        };
      }),
    { key: `sign-tokens:${userId}`, saved },
  );
  mkdirSync(WALLETS, { recursive: true });
  writeFileSync(file, JSON.stringify(merged));
  if (added > 0) {
    // The page's wallet read IndexedDB before the merge: load it again.
    await page.reload();
    await walletSettled(page);
  }
}

type Fixtures = {
  consoleErrors: string[];
  /** A new browser context signed in as the persona; its pages are watched for errors too. */
  as: (who: PersonaKey, opts?: { wallet?: "shared" | "fresh" }) => Promise<{ context: BrowserContext; page: Page }>;
};

export const test = base.extend<Fixtures>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      watchForErrors(page, errors);
      await use(errors);
      expect(errors, "pages logged errors").toEqual([]);
    },
    { auto: true },
  ],
  as: async ({ browser, consoleErrors }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (who, opts) => {
      const { context, page } = await newWatchedPage(browser, consoleErrors);
      contexts.push(context);
      await signIn(page, who, opts);
      return { context, page };
    });
    for (const c of contexts) await c.close();
  },
});

async function newWatchedPage(browser: Browser, errors: string[]) {
  const context = await browser.newContext();
  const page = await context.newPage();
  watchForErrors(page, errors);
  return { context, page };
}

export { expect };

export const MAIN_PETITION = "Stop recording our keystrokes to train AI models";

/** Opens a petition from the open list by its title. */
export async function openPetition(page: Page, title: string) {
  await page.goto(`/petitions?q=${encodeURIComponent(title)}`);
  await page.getByRole("link", { name: title }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}

export async function readCount(page: Page): Promise<number> {
  return Number((await page.getByTestId("signature-count").innerText()).replace(/\D/g, ""));
}

/** Signs in through the test OIDC provider's development login and consent screens. */
export async function ssoSignIn(page: Page, login: string) {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Example Corp SSO" }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any-password");
  await page.locator('button[type="submit"]').click();
  await page.waitForLoadState("domcontentloaded");
  if (page.url().includes(`:${OIDC_PORT}/`)) {
    // The consent screen: the app asks for openid, email and profile.
    await page.locator('button[type="submit"]').click();
  }
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  await walletSettled(page);
}

/** Waits until the page's background token collection has finished (see TokenWallet). */
export async function walletSettled(page: Page) {
  await page.locator("html[data-tokens='ready']").waitFor({ state: "attached" });
}
