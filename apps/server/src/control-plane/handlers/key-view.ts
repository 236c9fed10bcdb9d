import type { ApiKey } from "../../store/store-types.js";

/** An API key as the API shows it: its prefix, never its hash; the status read against the clock. */
export function keyView(key: ApiKey, now: number) {
  const status =
    key.revokedAt !== null
      ? "revoked"
      : key.expiresAt !== null && key.expiresAt <= now
        ? "expired"
        : "active";
  return {
    id: key.id,
    tenantId: key.tenantId,
    workspaceId: key.workspaceId,
    userId: key.userId,
    serviceAccountId: key.serviceAccountId,
    name: key.name,
    prefix: key.keyPrefix,
    allowedModels: key.allowedModels,
    allowedCidrs: key.allowedCidrs,
    metadata: key.metadata,
    createdAt: key.createdAt,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
    lastUsedAt: key.lastUsedAt,
    status,
  } as const;
}
