import { type OidcTestProvider, startOidcTestProvider } from "@gatehouse/test-support";
import { MATRIX_CREDENTIALS } from "./matrix-fixtures.js";
import type { MatrixWorld } from "./matrix-world.js";

/**
 * Starts a real OIDC provider and gives tenants A and B single sign-on through it, so every SSO operation
 * has settings to read, start a login with, replace and (last) remove.
 */
export async function configureSso(w: MatrixWorld): Promise<OidcTestProvider> {
  const op = await startOidcTestProvider({
    clients: [
      {
        client_id: "gatehouse",
        client_secret: MATRIX_CREDENTIALS.ssoClientSecret,
        // The callback as the settings name it: under the public URL the matrix gives the server.
        redirect_uris: ["https://gatehouse.test/api/auth/sso/callback"],
      },
    ],
    accounts: {},
  });
  w.ssoIssuer = op.issuer;
  for (const t of [w.tenants.A, w.tenants.B]) {
    const res = await w.call("PUT", `/api/tenants/${t.id}/sso`, {
      token: t.owner.token!,
      body: {
        issuer: op.issuer,
        clientId: "gatehouse",
        clientSecret: MATRIX_CREDENTIALS.ssoClientSecret,
        mapping: { rules: [] },
      },
    });
    if (res.status !== 200) throw new Error(`SSO set-up for ${t.tag}: ${res.status} ${res.text}`);
  }
  return op;
}
