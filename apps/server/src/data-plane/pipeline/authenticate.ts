import { GatewayError } from "@gatehouse/protocol";
import type { KeyResolver } from "../../auth/key-resolver.js";
import type { Principal } from "../../domain/principal.js";

/**
 * The pipeline's first step: who is calling, from the headers alone (no body byte has been read). Refuses a
 * missing, malformed, unknown, revoked or expired key with 401 and a key used from an address outside its
 * allowed ranges with 403, before anything else is spent on the request.
 *
 * @example
 * const principal = await authenticate(rt.keys, surface.credential(req.headers, req.query), req.ip);
 */
export async function authenticate(
  keys: KeyResolver,
  presented: string | undefined,
  clientIp: string,
): Promise<Principal> {
  const grant = await keys.grant(presented);
  if (!grant.allowsAddress(clientIp)) {
    throw new GatewayError("permission_denied", "This API key may not be used from this address.");
  }
  const key = grant.key;
  return {
    kind: "api_key",
    id: key.id,
    tenantId: key.tenantId,
    workspaceId: key.workspaceId,
    userId: key.userId,
    serviceAccountId: key.serviceAccountId,
    allowsModel: grant.allowsModel,
  };
}
