import type { KeyResolver } from "../../auth/key-resolver.js";
import type { Principal } from "../../domain/principal.js";

/**
 * Step 1 of every data-plane request: who is asking, from the headers (or the query string) alone —
 * before a byte of the body is read, so an anonymous caller costs a hash and a Map read, never a
 * buffered body. A missing, malformed, unknown, revoked or expired key throws its 401 GatewayError.
 *
 * @param presented the key as the surface's clients send it (see Surface.credential)
 * @example
 * const principal = await authenticate(rt.keys, surface.credential(req.headers, req.query));
 */
export async function authenticate(keys: KeyResolver, presented: string | undefined): Promise<Principal> {
  const key = await keys.resolve(presented);
  return {
    kind: "api_key",
    id: key.id,
    tenantId: key.tenantId,
    workspaceId: key.workspaceId,
    userId: key.userId,
  };
}
