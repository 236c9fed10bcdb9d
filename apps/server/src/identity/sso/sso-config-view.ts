import type { SsoConfigRecord } from "../../store/sso/sso-types.js";
import { ssoLoginUrl, ssoRedirectUri } from "./sso-urls.js";

/**
 * A tenant's single sign-on settings as the API (and the audit log) shows them: everything but the
 * client secret, of which only the last four characters appear; with the redirect URI to register at
 * the provider and the link that starts a login.
 *
 * @example
 * ssoConfigView(record, "https://gh.example.com").clientSecretLastFour; // "…9f2c"
 */
export function ssoConfigView(record: SsoConfigRecord, publicUrl: string) {
  return {
    tenantId: record.tenantId,
    issuer: record.issuer,
    clientId: record.clientId,
    clientSecretLastFour: record.clientSecretLastFour,
    extraScopes: record.extraScopes,
    mapping: record.mapping,
    allowedDomains: record.allowedDomains,
    jitProvisioning: record.jitProvisioning,
    enabled: record.enabled,
    redirectUri: ssoRedirectUri(publicUrl),
    loginUrl: ssoLoginUrl(publicUrl, record.tenantId),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}
