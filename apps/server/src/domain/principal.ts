/**
 * Who is making a request, as every permission check and usage record sees it. Today a gateway API key;
 * users (console sessions) and service accounts join it with the tenancy work, behind the same shape.
 */
export interface Principal {
  readonly kind: "api_key";
  /** The credential's id (the key id for an API key). */
  readonly id: string;
  readonly tenantId: string;
  readonly workspaceId: string;
  /** The user the credential belongs to, when it belongs to one. */
  readonly userId: string | null;
}
