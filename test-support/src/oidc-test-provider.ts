import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A client registered at the test provider (confidential, `client_secret_basic`, code flow only). */
export interface OidcTestClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

/** An account's claims, released by scope: `email` (email, email_verified), `profile` (name), `groups`. */
export interface OidcTestAccountClaims {
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
  [claim: string]: unknown;
}

/** Options of {@link startOidcTestProvider}. */
export interface OidcTestProviderOptions {
  clients: OidcTestClient[];
  /** Accounts by id; the id is the `sub` claim. */
  accounts: Record<string, OidcTestAccountClaims>;
  /** Extra scopes and the claims each releases, e.g. `{ roles: ["realm_access"] }`. */
  scopes?: Record<string, string[]>;
}

/** Options of {@link OidcTestProvider.followLogin}. */
export interface FollowLoginOptions {
  /** Answer the login with `error=access_denied`, as a user pressing "Cancel" would. */
  deny?: boolean;
}

/** A running OpenID provider (the `oidc-provider` package) on 127.0.0.1. */
export interface OidcTestProvider {
  /** `http://127.0.0.1:PORT`: the issuer identifier, and the base of every endpoint. */
  issuer: string;
  port: number;
  /**
   * Plays the browser: follows the redirects from `authorizationUrl` with a cookie jar, logs
   * `accountId` in and grants consent, and returns the redirect to the client's redirect_uri (with
   * `code` and `state`, or `error`). Throws when the provider answers anything but a redirect.
   */
  followLogin(authorizationUrl: string | URL, accountId: string, options?: FollowLoginOptions): Promise<URL>;
  /** `METHOD /path` of every request received, in order (to count discovery and JWKS fetches). */
  requests: string[];
  /**
   * Rotates the signing key as an identity provider does: ID tokens are signed from now on with a new
   * key, whose `kid` is returned, and the JWKS publishes only it. Logins under way are lost (the provider
   * is rebuilt), so rotate between logins.
   */
  rotateSigningKey(): string;
  /** Destroys every socket and stops listening. Idempotent. */
  close(): Promise<void>;
}

/** The slice of `oidc-provider`'s API used here (the package ships no type declarations). */
interface Interaction {
  prompt: { name: string; details: Record<string, unknown> };
  params: Record<string, unknown>;
  session?: { accountId?: string };
  grantId?: string;
}
interface Grant {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  addResourceScope(resource: string, scope: string): void;
  save(): Promise<string>;
}
interface Provider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: Record<string, unknown>,
    options?: { mergeWithLastSubmission?: boolean },
  ): Promise<void>;
  Grant: {
    new (init: { accountId: string; clientId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  };
}
type ProviderClass = new (issuer: string, configuration: Record<string, unknown>) => Provider;

const INTERACTION_PATH = "/interaction/";

/**
 * Starts a real OpenID Connect provider (`oidc-provider` v9) on 127.0.0.1 with an ephemeral port, for
 * testing a relying party end to end: discovery, authorization code flow with PKCE (S256, required),
 * `client_secret_basic` at the token endpoint, RS256 ID tokens carrying the scope's claims (`email`,
 * `name`, `groups`, ...) and a JWKS. Login and consent are programmatic (no browser, no dev
 * interactions): {@link OidcTestProvider.followLogin} walks the redirects.
 * @see https://github.com/panva/node-oidc-provider/blob/main/docs/README.md
 *
 * @example
 * const op = await startOidcTestProvider({
 *   clients: [{ client_id: "gh", client_secret: "s3cret", redirect_uris: ["http://127.0.0.1:9/cb"] }],
 *   accounts: { alice: { email: "alice@example.com", email_verified: true, groups: ["admins"] } },
 * });
 * const callback = await op.followLogin(authorizationUrl, "alice"); // ...?code=...&state=...
 * await op.close();
 */
export async function startOidcTestProvider(options: OidcTestProviderOptions): Promise<OidcTestProvider> {
  // A variable specifier keeps TypeScript from looking for declarations the package does not ship.
  const specifier: string = "oidc-provider";
  const { default: ProviderCtor } = (await import(specifier)) as { default: ProviderClass };
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  let kid = "test-rs256";
  let provider = new ProviderCtor(issuer, providerConfiguration(options, kid));
  let callback = provider.callback();
  const requests: string[] = [];
  handle = (req, res) => {
    requests.push(`${req.method} ${new URL(req.url ?? "/", issuer).pathname}`);
    if (req.url?.startsWith(INTERACTION_PATH)) {
      interact(provider, options, req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end(`interaction failed: ${String(error)}`);
      });
    } else callback(req, res);
  };
  let closed: Promise<void> | undefined;
  return {
    issuer,
    port,
    followLogin: (url, accountId, opts = {}) => followLogin(issuer, new URL(url), accountId, opts),
    requests,
    rotateSigningKey: () => {
      kid = `test-rs256-${randomBytes(6).toString("hex")}`;
      provider = new ProviderCtor(issuer, providerConfiguration(options, kid));
      callback = provider.callback();
      return kid;
    },
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

function providerConfiguration(options: OidcTestProviderOptions, kid: string): Record<string, unknown> {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" };
  return {
    clients: options.clients.map((c) => ({
      ...c,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    })),
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "given_name", "family_name", "preferred_username"],
      groups: ["groups"],
      ...options.scopes,
    },
    // Claims of the granted scopes go into the ID token too, not only the userinfo response.
    conformIdTokenClaims: false,
    findAccount: (_ctx: unknown, sub: string) => {
      const claims = options.accounts[sub];
      if (claims === undefined) return undefined;
      return { accountId: sub, claims: async () => ({ ...claims, sub }) };
    },
    features: { devInteractions: { enabled: false } },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `${INTERACTION_PATH}${interaction.uid}`,
    },
    pkce: { required: () => true },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 3600,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
    },
  };
}

/** Answers the provider's login prompt with `?account=` (or a denial) and grants every consent asked. */
async function interact(
  provider: Provider,
  options: OidcTestProviderOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const query = new URL(req.url ?? "/", "http://x").searchParams;
  const details = await provider.interactionDetails(req, res);
  if (query.get("deny") === "1") {
    const denied = { error: "access_denied", error_description: "End-User aborted interaction" };
    return provider.interactionFinished(req, res, denied, { mergeWithLastSubmission: false });
  }
  if (details.prompt.name === "login") {
    const accountId = query.get("account") ?? "";
    if (!Object.hasOwn(options.accounts, accountId)) {
      res.writeHead(400, { "content-type": "text/plain" });
      res.end(`unknown account '${accountId}'`);
      return;
    }
    return provider.interactionFinished(
      req,
      res,
      { login: { accountId } },
      { mergeWithLastSubmission: false },
    );
  }
  const grantId = await grantConsent(provider, details);
  return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

async function grantConsent(provider: Provider, details: Interaction): Promise<string> {
  const existing = details.grantId === undefined ? undefined : await provider.Grant.find(details.grantId);
  const grant =
    existing ??
    new provider.Grant({
      accountId: details.session?.accountId ?? "",
      clientId: String(details.params.client_id),
    });
  const missing = details.prompt.details;
  if (Array.isArray(missing.missingOIDCScope)) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
  if (Array.isArray(missing.missingOIDCClaims)) grant.addOIDCClaims(missing.missingOIDCClaims as string[]);
  const resourceScopes = missing.missingResourceScopes as Record<string, string[]> | undefined;
  for (const [resource, scopes] of Object.entries(resourceScopes ?? {})) {
    grant.addResourceScope(resource, scopes.join(" "));
  }
  return grant.save();
}

/** Walks the redirect chain like a browser (a cookie jar, no JavaScript) until it leaves the provider. */
async function followLogin(
  issuer: string,
  start: URL,
  accountId: string,
  options: FollowLoginOptions,
): Promise<URL> {
  const jar = new Map<string, string>();
  let url = start;
  for (let hop = 0; hop < 20; hop++) {
    if (url.origin !== new URL(issuer).origin) return url;
    if (url.pathname.startsWith(INTERACTION_PATH)) {
      url.searchParams.set("account", accountId);
      if (options.deny === true) url.searchParams.set("deny", "1");
    }
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
    const response = await fetch(url, { redirect: "manual", headers: cookie === "" ? {} : { cookie } });
    storeCookies(jar, response.headers.getSetCookie());
    const location = response.headers.get("location");
    if (response.status < 300 || response.status > 399 || location === null) {
      const body = (await response.text()).slice(0, 500);
      throw new Error(`followLogin: ${url.pathname} answered ${response.status} without a redirect: ${body}`);
    }
    await response.body?.cancel();
    url = new URL(location, url);
  }
  throw new Error("followLogin: more than 20 redirects");
}

/** Keeps cookies by name only (every path, one origin): enough for the provider's own cookies. */
function storeCookies(jar: Map<string, string>, setCookies: string[]): void {
  for (const line of setCookies) {
    const [pair = "", ...attributes] = line.split(";");
    const eq = pair.indexOf("=");
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attributes.some((a) => {
      const [key = "", v = ""] = a.trim().split("=");
      if (key.toLowerCase() === "max-age") return Number(v) <= 0;
      if (key.toLowerCase() === "expires") return Date.parse(v) <= Date.now();
      return false;
    });
    if (expired || value === "") jar.delete(name);
    else jar.set(name, value);
  }
}
