import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Configuration is read in one place: lib/config parses every environment variable with zod
// (docs/decisions/016-configuration.md). Everything else asks it.
const processEnv = {
  object: "process",
  property: "env",
  message: "Read configuration through lib/config (serverConfig(), toolsConfig(), authSecrets(), childEnv()); add the variable to lib/config/schema.ts and the README's table.",
};

// Numbers, dates and times reach people through the one formatter, lib/format (decision 020):
// formatting by hand gives "48.3", "2026-12-10" or a locale that differs between server and browser.
const handFormatting = [
  {
    selector: "CallExpression[callee.property.name=/^(toLocaleString|toLocaleDateString|toLocaleTimeString|toFixed)$/]",
    message: "Format numbers and dates for people with lib/format (formatCount, formatRate, formatDate, formatDateTime, formatShortDay, formatTime; components/format on the client).",
  },
  { selector: "NewExpression[callee.object.name='Intl']", message: "Intl formatters live in lib/format, made once; add a function there." },
];
// SQL lives in lib/db (issue 12, point 8): domain code asks a named statement there.
const rawSql = {
  selector: "MemberExpression[property.name=/^\\$(queryRaw|executeRaw|queryRawUnsafe|executeRawUnsafe)$/]",
  message: "Write SQL in lib/db (lib/db/statements.ts) as a named function and call it.",
};
// In pages and components an ISO day cut from an instant is only ever shown to people.
const isoSlice = {
  selector: "CallExpression[callee.property.name='slice'][callee.object.callee.property.name='toISOString']",
  message: "Show a day with formatDate (lib/format), not an ISO date cut from toISOString().",
};
const dbInPages = [
  { selector: "MemberExpression[object.type='MemberExpression'][object.object.name='db']", message: "Query through a domain function in lib/, not db.<model> in app/ or components/." },
  { selector: "MemberExpression[object.name='db'][property.name=/^\\$/]", message: "Raw queries and transactions belong in lib/." },
];

// Every interface string comes from the message files in both languages (docs/decisions/027):
// no words as JSX text, and none in the attributes people read or hear.
const readAttributes = {
  selector: "JSXAttribute[name.name=/^(aria-label|aria-description|aria-roledescription|title|placeholder|alt)$/] > Literal[value=/[A-Za-z]/]",
  message: "Put what people read in messages/{en,de}/*.json and use t(\"key\") (docs/decisions/027).",
};
const jsxWords = [
  "error",
  { noStrings: false, ignoreProps: true, allowedStrings: ["·", "—", "–", "(", ")", ":", "…", "/", "→", "←", "×", "%", "+", "-", ",", ".", "|", "*", "“", "”", "Undersigned"] },
];
// Files still written in English only, converted one part at a time; this list only shrinks.
import notYetTranslated from "./i18n/not-yet-translated.json" with { type: "json" };

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: { "no-restricted-properties": ["error", processEnv] },
  },
  {
    // Direct SQL is contained in lib/db/direct.ts, each statement beside its Prisma twin, and the
    // signing group commit built on it (decision 015); test/integration/direct-sql.test.ts
    // compares every path with its twin.
    files: ["lib/**/*.ts", "scripts/**/*.ts"],
    ignores: ["lib/db/**", "lib/signatures/direct.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@/lib/db/direct",
              importNames: ["withSqlite", "prepared", "directSqlAvailable", "toSqliteTime", "fromSqliteTime"],
              message: "Direct SQL lives in lib/db/direct.ts beside its Prisma twin; add a reader there and call it.",
            },
          ],
        },
      ],
    },
  },
  {
    // app/, pages/ and components/ read and write through lib/ only (docs/decisions/004): pages pass the
    // server's `db` handle to domain functions and never query it themselves.
    files: ["app/**/*.{ts,tsx}", "pages/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/generated/*", "@prisma/*", "better-sqlite3", "pg"], message: "Query through a domain function in lib/ instead." },
            { group: ["@/lib/db/*", "!@/lib/db/server"], message: "Pages and handlers get the database as `db` from @/lib/db/server and pass it to lib/." },
          ],
        },
      ],
      "no-restricted-syntax": ["error", ...dbInPages, ...handFormatting, isoSlice],
    },
  },
  {
    // Domain code builds messages and event summaries for people with the same formatter; it
    // keeps ISO days for data (API fields, chart keys), which are not shown as such.
    files: ["lib/**/*.ts"],
    ignores: ["lib/format/**", "lib/generated/**"],
    rules: { "no-restricted-syntax": ["error", ...handFormatting, rawSql] },
  },
  {
    // SQL is written in lib/db only: lib/db/statements.ts, lib/db/search.ts, lib/db/scrub.ts and
    // the direct SQLite paths of lib/db/direct.ts.
    files: ["lib/db/**/*.ts"],
    rules: { "no-restricted-syntax": ["error", ...handFormatting] },
  },
  {
    // Components render; they never hold the database.
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/lib/generated/*", "@prisma/*", "better-sqlite3", "pg", "@/lib/db/*"], message: "Components get data from the page, which gets it from lib/." }] },
      ],
    },
  },
  {
    files: ["app/**/*.tsx", "components/**/*.tsx"],
    ignores: notYetTranslated.map((path) => path.replace(/[[\]]/g, "\\$&")),
    rules: { "react/jsx-no-literals": jsxWords, "no-restricted-syntax": ["error", ...dbInPages, ...handFormatting, isoSlice, readAttributes] },
  },
  {
    // The exceptions, each because lib/config cannot be the reader there:
    // - lib/config: the reader itself.
    // - test/**, playwright.config.ts, vitest.config.ts: the test harness. It starts the servers
    //   and hands them their environment, and reads its own knobs (ports of the helper servers,
    //   which databases to run, FUZZ_RUNS); those are listed in the README's test harness table.
    // - next.config.mjs: Next.js loads it before any app module (at build and at start), to learn
    //   NEXT_DIST_DIR, the folder the app itself is built into.
    // - prisma.config.ts: the Prisma CLI loads it on its own to find DATABASE_URL.
    files: ["lib/config/**", "test/**", "playwright.config.ts", "vitest.config.ts", "next.config.mjs", "prisma.config.ts"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // Playwright fixtures and Vitest helpers call a function named `use`, which is not React's.
    files: ["test/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".next-test/**",
      ".next-bench/**",
      ".next-audit/**",
      "lib/generated/**",
      "data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
];

export default config;
