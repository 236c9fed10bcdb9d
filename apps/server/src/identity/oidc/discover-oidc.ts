import { GatewayError } from "@gatehouse/protocol";
import { z } from "zod";
import { fetchIdpJson, type IdpFetchOptions } from "./fetch-idp-json.js";

/** What the SSO client needs of an OpenID provider's discovery document. */
export interface OidcProviderMetadata {
  /** The issuer identifier, exactly as configured and as the provider states it. */
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  /** `id_token_signing_alg_values_supported`: the algorithms an ID token may be signed with. */
  idTokenSigningAlgs: string[];
  /** `code_challenge_methods_supported`, when the provider advertises it. */
  codeChallengeMethods?: string[];
  userinfoEndpoint?: string;
}

const httpUrl = z.url({ protocol: /^https?$/ });

/** OpenID Connect Discovery 1.0 §3: the fields a relying party using the code flow relies on. */
const discoveryDocument = z.object({
  issuer: httpUrl,
  authorization_endpoint: httpUrl,
  token_endpoint: httpUrl,
  jwks_uri: httpUrl,
  response_types_supported: z.array(z.string()),
  id_token_signing_alg_values_supported: z.array(z.string()).min(1),
  code_challenge_methods_supported: z.array(z.string()).optional(),
  userinfo_endpoint: httpUrl.optional(),
});

/**
 * Fetches and checks an OpenID provider's configuration: `{issuer}/.well-known/openid-configuration`,
 * bounded in time and size, the fields the code flow needs validated, and the document's `issuer`
 * identical to the configured one (a provider may not speak for another issuer). An `https` issuer
 * must use `https` endpoints, and a provider that advertises PKCE methods must offer S256.
 * @see https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfig (§4, §4.3)
 *
 * @example
 * const metadata = await discoverOidc("https://login.example.com");
 * // metadata.authorizationEndpoint, metadata.tokenEndpoint, metadata.jwksUri
 */
export async function discoverOidc(
  issuer: string,
  options: IdpFetchOptions = {},
): Promise<OidcProviderMetadata> {
  const url = new URL(`${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`);
  const what = "discovery document";
  const { status, body } = await fetchIdpJson(url, { method: "GET" }, what, options);
  if (status !== 200) {
    throw new GatewayError("upstream_error", `The identity provider's ${what} answered HTTP ${status}.`);
  }
  const parsed = discoveryDocument.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(document)"}: ${i.message}`);
    throw new GatewayError(
      "upstream_error",
      `The identity provider's ${what} is invalid: ${problems.join("; ")}.`,
    );
  }
  const doc = parsed.data;
  if (doc.issuer !== issuer) {
    throw new GatewayError(
      "upstream_error",
      `The identity provider's ${what} names issuer '${doc.issuer}', not the configured '${issuer}'.`,
    );
  }
  checkCapabilities(doc, issuer);
  return {
    issuer: doc.issuer,
    authorizationEndpoint: doc.authorization_endpoint,
    tokenEndpoint: doc.token_endpoint,
    jwksUri: doc.jwks_uri,
    idTokenSigningAlgs: doc.id_token_signing_alg_values_supported,
    ...(doc.code_challenge_methods_supported && {
      codeChallengeMethods: doc.code_challenge_methods_supported,
    }),
    ...(doc.userinfo_endpoint && { userinfoEndpoint: doc.userinfo_endpoint }),
  };
}

function checkCapabilities(doc: z.infer<typeof discoveryDocument>, issuer: string): void {
  const fail = (why: string) => new GatewayError("upstream_error", `The identity provider ${why}.`);
  if (!doc.response_types_supported.includes("code")) throw fail("does not support response_type=code");
  if (doc.code_challenge_methods_supported && !doc.code_challenge_methods_supported.includes("S256")) {
    throw fail("does not support PKCE with S256");
  }
  if (new URL(issuer).protocol === "https:") {
    const endpoints = [doc.authorization_endpoint, doc.token_endpoint, doc.jwks_uri];
    if (endpoints.some((e) => new URL(e).protocol !== "https:"))
      throw fail("has an endpoint that is not https");
  }
}
