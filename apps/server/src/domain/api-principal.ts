/**
 * Who calls a control-plane operation, once authenticated from the request's headers: a signed-in user
 * (an access token of one session) or a gateway API key (of a workspace, owned by a user or a service
 * account). Handlers read this, never the headers.
 */
export type ApiPrincipal =
  | { kind: "user"; userId: string; sessionId: string }
  | {
      kind: "api_key";
      keyId: string;
      tenantId: string;
      workspaceId: string;
      serviceAccountId: string | null;
      userId: string | null;
    };

/**
 * A stable string naming the principal, for keys that must not mix callers (idempotency, rate limits).
 * A user is the same principal across sessions; each API key is its own.
 *
 * @example
 * principalId({ kind: "user", userId: "usr_1", sessionId: "ses_1" }); // "user:usr_1"
 */
export function principalId(principal: ApiPrincipal): string {
  return principal.kind === "user" ? `user:${principal.userId}` : `api_key:${principal.keyId}`;
}
