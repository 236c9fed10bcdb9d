import { type OidcRoleMapping, oidcRoleMappingSchema } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import type { SecretBox } from "../../crypto/secret-box.js";
import type { SsoConfigRecord } from "../../store/sso/sso-types.js";
import type { Store } from "../../store/store.js";

/** A tenant's single sign-on settings, ready for a login: the client secret opened, the mapping checked. */
export interface OpenedSsoConfig {
  record: SsoConfigRecord;
  clientSecret: string;
  mapping: OidcRoleMapping;
}

const NOT_SET_UP = "Single sign-on is not set up for this organisation.";

/**
 * Loads the tenant's enabled single sign-on settings for a login. A missing, disabled or unreadable
 * configuration answers the same 404, so the login page of an unknown tenant tells nothing.
 *
 * @example
 * const { record, clientSecret, mapping } = await loadSsoConfig(store, secretBox, tenantId);
 */
export async function loadSsoConfig(
  store: Store,
  secretBox: SecretBox,
  tenantId: string,
): Promise<OpenedSsoConfig> {
  const record = await store.forTenant(tenantId).sso.get();
  if (record === undefined || !record.enabled) throw new GatewayError("not_found", NOT_SET_UP);
  const mapping = oidcRoleMappingSchema.safeParse(record.mapping);
  if (!mapping.success) throw new GatewayError("not_found", NOT_SET_UP);
  return { record, clientSecret: secretBox.open(record.clientSecretSealed), mapping: mapping.data };
}
