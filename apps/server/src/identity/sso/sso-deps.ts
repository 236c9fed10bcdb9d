import type { SecretBox } from "../../crypto/secret-box.js";
import type { Store } from "../../store/store.js";
import type { IdpFetchOptions } from "../oidc/fetch-idp-json.js";
import type { OidcProviderCache } from "../oidc/oidc-provider-cache.js";
import type { PasswordHasher } from "../session/password-hasher.js";

/** What the single sign-on flow is built from. */
export interface SsoDeps {
  store: Store;
  /** Seals the client secret and the logins' nonce and PKCE verifier. */
  secretBox: SecretBox;
  hasher: PasswordHasher;
  /** GATEHOUSE_PUBLIC_URL: the redirect URI and the console page are under it. */
  publicUrl: string;
  /** GATEHOUSE_SIGNUP_DOMAINS: when non-empty, new accounts only in these domains. */
  installationDomains: readonly string[];
  now: () => number;
  /** The providers' discovery documents and keys, kept across logins. */
  providers: OidcProviderCache;
  /** Unexpired logins a tenant may hold at once; more starts answer 429. Default 10 000. */
  maxLiveLogins?: number;
  /** How the token endpoint is reached (tests may bound it tighter); `providers` has its own. */
  idp?: IdpFetchOptions;
}
