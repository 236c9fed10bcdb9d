/** Whose stored response it is: a response is visible only to the tenant and API key that made it. */
export interface StoredResponseOwner {
  tenantId: string;
  apiKeyId: string;
}

/** One stored Responses API answer, its payload still sealed (see responses/stored-response-codec.ts). */
export interface SealedStoredResponse extends StoredResponseOwner {
  /** The gateway's `resp_…` id. */
  id: string;
  workspaceId: string;
  createdAt: number;
  /** When the retention sweep deletes it (and reads stop finding it). */
  expiresAt: number;
  /** The response's status: completed, incomplete or failed. */
  status: string;
  /** The model the client asked for. */
  model: string;
  previousResponseId: string | null;
  /** The master key that wrapped the payload's data key (rotation). */
  keyId: string;
  payload: string;
}
