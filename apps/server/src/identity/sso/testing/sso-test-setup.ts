import { randomBytes } from "node:crypto";
import {
  type OidcTestAccountClaims,
  type OidcTestProvider,
  startOidcTestProvider,
} from "@gatehouse/test-support";
import { lastFour } from "../../../crypto/last-four.js";
import { SecretBox } from "../../../crypto/secret-box.js";
import { createStore } from "../../../store/create-store.js";
import type { Store } from "../../../store/store.js";
import type { Tenant } from "../../../store/store-types.js";
import { createOidcProviderCache } from "../../oidc/oidc-provider-cache.js";
import { createPasswordHasher } from "../../session/password-hasher.js";
import type { SsoDeps } from "../sso-deps.js";
import { ssoRedirectUri } from "../sso-urls.js";

export const TEST_PUBLIC_URL = "https://gatehouse.test";
export const TEST_CLIENT_SECRET = "test-client-secret-0123456789";

/** A real OpenID provider, a migrated SQLite store with one tenant whose single sign-on points at it. */
export interface SsoTestSetup {
  op: OidcTestProvider;
  store: Store;
  tenant: Tenant;
  deps: SsoDeps;
  close(): Promise<void>;
}

/**
 * Starts the test OpenID provider with `accounts` and a store whose tenant is configured for it (JIT on,
 * `gh-admins` → admin, default viewer), for tests of the login flow below the HTTP layer.
 *
 * @example
 * const s = await startSsoTestSetup({ ann: { email: "ann@acme.test", email_verified: true } });
 */
export async function startSsoTestSetup(
  accounts: Record<string, OidcTestAccountClaims>,
): Promise<SsoTestSetup> {
  const op = await startOidcTestProvider({
    clients: [
      {
        client_id: "gatehouse",
        client_secret: TEST_CLIENT_SECRET,
        redirect_uris: [ssoRedirectUri(TEST_PUBLIC_URL)],
      },
    ],
    accounts,
  });
  const store = createStore({ sqlitePath: ":memory:" });
  await store.migrate();
  const tenant = await store.tenants.create({ name: "Acme" });
  const secretBox = new SecretBox(randomBytes(32));
  await store.forTenant(tenant.id).sso.put({
    issuer: op.issuer,
    clientId: "gatehouse",
    clientSecretSealed: secretBox.seal(TEST_CLIENT_SECRET),
    clientSecretLastFour: lastFour(TEST_CLIENT_SECRET),
    extraScopes: ["groups"],
    mapping: { rules: [{ group: "gh-admins", tenantRole: "admin" }], defaultTenantRole: "viewer" },
    allowedDomains: [],
    jitProvisioning: true,
    enabled: true,
  });
  const deps: SsoDeps = {
    store,
    secretBox,
    hasher: createPasswordHasher({ memoryCost: 1024, timeCost: 1 }),
    publicUrl: TEST_PUBLIC_URL,
    installationDomains: [],
    now: Date.now,
    providers: createOidcProviderCache({ now: Date.now }),
  };
  return {
    op,
    store,
    tenant,
    deps,
    close: async () => {
      await store.close();
      await op.close();
    },
  };
}
