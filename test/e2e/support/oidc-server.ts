// A real OpenID Connect provider (panva's oidc-provider) for the single sign-on tests. It runs
// its development login screens: any login name from ACCOUNTS with any password signs in.
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT ?? 3199);
const appOrigin = process.env.APP_ORIGIN ?? "http://127.0.0.1:3100";
const issuer = `http://127.0.0.1:${port}`;

export const ACCOUNTS: Record<string, Record<string, unknown>> = {
  "rhea.leader": {
    email: "rhea.lindqvist@example.com",
    email_verified: true,
    name: "Rhea Lindqvist",
    department: "Office of the CEO",
    location: "London",
    groups: ["all-staff", "undersigned-leadership"],
  },
  "ines.writer": {
    email: "ines.moreau@example.com",
    email_verified: true,
    name: "Ines Moreau",
    department: "Customer Support",
    location: "Lisbon",
    groups: ["all-staff"],
  },
  // Writes the comment the conversation test asks about (test/e2e/conversation.spec.ts); no other
  // spec signs in as her, so her browser holds the week's tokens.
  "kai.author": {
    email: "kai.author@example.com",
    email_verified: true,
    name: "Kai Sorensen",
    department: "Logistics",
    location: "Aarhus",
    groups: ["all-staff"],
  },
  "ada.admin": {
    email: "ada.quist@example.com",
    email_verified: true,
    name: "Ada Quist",
    department: "IT Security",
    location: "Oslo",
    groups: ["all-staff", "undersigned-admins"],
  },
  // Signs in for the first time after being invited to co-organize (test/e2e/existence.spec.ts).
  "nadia.newcomer": {
    email: "nadia.noor@example.com",
    email_verified: true,
    name: "Nadia Noor",
    department: "Research",
    location: "Lisbon",
    groups: ["all-staff"],
  },
  "wes.weekturn": {
    email: "wes.weekturn@example.com",
    email_verified: true,
    name: "Wes Turner",
    department: "Research",
    location: "Lisbon",
    groups: ["all-staff"],
  },
  "omar.employee": {
    email: "omar.haddad@example.com",
    email_verified: true,
    name: "Omar Haddad",
    department: "Finance",
    location: "Dublin",
    groups: ["all-staff"],
  },
};

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "undersigned-e2e",
      client_secret: "undersigned-e2e-secret-with-enough-length",
      redirect_uris: [`${appOrigin}/api/auth/callback/oidc`],
      post_logout_redirect_uris: [appOrigin],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["name", "department", "location", "groups"],
  },
  // Put the profile claims into the ID token, as company providers are usually set up to do.
  conformIdTokenClaims: false,
  cookies: { keys: ["undersigned-e2e-cookie-key"] },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, id) {
    const claims = ACCOUNTS[id];
    if (!claims) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
  },
});

// The tests change what the provider says about a person between sign-ins, as a directory
// administrator would: POST /__test__/accounts/LOGIN with the claims to replace. Listening on
// 127.0.0.1 only, and only in this test provider.
provider.use(async (ctx, next) => {
  const match = /^\/__test__\/accounts\/([\w.-]+)$/.exec(ctx.path);
  if (!match || ctx.method !== "POST") return next();
  const account = ACCOUNTS[match[1]!];
  if (!account) {
    ctx.status = 404;
    return;
  }
  let raw = "";
  for await (const chunk of ctx.req) raw += String(chunk);
  Object.assign(account, JSON.parse(raw) as Record<string, unknown>);
  ctx.status = 204;
});

// The development login screens link a web font from Google; drop it so the test browser makes
// no third-party request (and logs no error for it), and answer the favicon request.
provider.use(async (ctx, next) => {
  if (ctx.path === "/favicon.ico") {
    ctx.status = 204;
    return;
  }
  await next();
  if (typeof ctx.body === "string" && ctx.body.includes("fonts.googleapis.com")) {
    ctx.body = ctx.body.replace(/@import url\(https:\/\/fonts\.googleapis\.com[^)]*\);?/g, "");
  }
});

provider.on("server_error", (_ctx, error) => console.error("[oidc] server error", error.message));

provider.listen(port, "127.0.0.1", () => {
  console.log(`[oidc] test provider listening at ${issuer}`);
});
provider.on("grant.error", (_ctx, error) => console.error("[oidc] token request refused:", error.message, (error as { error_detail?: string }).error_detail ?? ""));
