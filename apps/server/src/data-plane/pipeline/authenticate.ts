import { GatewayError } from "@gatehouse/protocol";
import type { KeyResolver } from "../../auth/key-resolver.js";
import type { Principal } from "../../domain/principal.js";

/**
 * Step 1 of every data-plane request: who is asking, from the headers (or the query string) alone —
 * before a byte of the body is read, so an anonymous caller costs a hash and a Map read, never a
 * buffered body. A missing, malformed, unknown, revoked or expired key throws its 401 GatewayError; a
 * key used from an address outside its allowed ranges throws 403.
 *
 * @param presented the key as the surface's clients send it (see Surface.credential)
 * @param clientIp the TCP peer's address, checked against the key's ranges
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
