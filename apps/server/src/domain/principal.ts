/**
 * Who is making a data-plane request, as the permission check and usage records see it: a gateway API key,
 * issued to a person or to a service account, inside one workspace of one tenant.
 */
export interface Principal {
  readonly kind: "api_key";
  /** The credential's id (the key id for an API key). */
  readonly id: string;
  readonly tenantId: string;
  readonly workspaceId: string;
  /** The user the credential belongs to, when it belongs to one. */
  readonly userId: string | null;
  /** The service account the key belongs to, when it belongs to one. */
  readonly serviceAccountId: string | null;
  /** Whether the key's and its workspace's model allow-lists both admit a model name. */
  allowsModel(model: string): boolean;
}
