import type { Store } from "../store/store.js";
import type { ApiKey } from "../store/store-types.js";
import { API_KEY_DISPLAY_LENGTH, generateApiKey, hashApiKey } from "./api-key-format.js";

export interface IssueApiKeyInput {
  tenantId: string;
  workspaceId: string;
  userId?: string | null;
  serviceAccountId?: string | null;
  name: string;
  expiresAt?: number | null;
  allowedModels?: string[] | null;
  allowedCidrs?: string[] | null;
  metadata?: Record<string, string>;
}

/**
 * Creates an API key. The secret is returned once, to be shown once; only its SHA-256 and a short
 * display prefix are stored.
 */
export async function issueApiKey(
  store: Store,
  input: IssueApiKeyInput,
): Promise<{ apiKey: ApiKey; secret: string }> {
  const secret = generateApiKey();
  const apiKey = await store.apiKeys.create({
    tenantId: input.tenantId,
    workspaceId: input.workspaceId,
    userId: input.userId ?? null,
    name: input.name,
    keyHash: hashApiKey(secret),
    keyPrefix: secret.slice(0, API_KEY_DISPLAY_LENGTH),
    expiresAt: input.expiresAt ?? null,
    serviceAccountId: input.serviceAccountId ?? null,
    allowedModels: input.allowedModels ?? null,
    allowedCidrs: input.allowedCidrs ?? null,
    metadata: input.metadata ?? {},
  });
  return { apiKey, secret };
}
