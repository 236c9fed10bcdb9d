import type { IncomingHttpHeaders } from "node:http";
import { GatewayError } from "@gatehouse/protocol";
import type { KeyResolver } from "../auth/key-resolver.js";
import { presentedKey } from "../auth/presented-key.js";
import type { ApiPrincipal } from "../domain/api-principal.js";
import type { AccessTokens } from "../identity/session/access-tokens.js";
import type { Store } from "../store/store.js";

interface CachedCut {
  validAfter: number;
  until: number;
}

/**
 * Who calls a control-plane route, from the headers alone: a user's access token (a JWT, recognised by
 * its shape) or a gateway API key (a person's or a service account's). Null when no credential is
 * presented; a bad one throws 401. A user's token is refused once "log out everywhere" or a password
 * change has cut their sessions, or once its own session was ended (a logout, or revoked from the session
 * list); both are cached for a few seconds, per user and per session.
 *
 * @example
 * const authenticate = createApiAuthenticator({ keys, tokens, store, now });
 * const principal = await authenticate(req.headers, req.ip);
 */
export function createApiAuthenticator(deps: {
  keys: KeyResolver;
  tokens: AccessTokens;
  store: Store;
  now: () => number;
  cutTtlMs?: number;
}): ((headers: IncomingHttpHeaders, clientIp: string) => Promise<ApiPrincipal | null>) & {
  forget(userId: string): void;
  forgetSession(sessionId: string): void;
} {
  const cuts = new Map<string, CachedCut>();
  const alive = new Map<string, number>();
  const ttl = deps.cutTtlMs ?? 5_000;

  async function sessionsCut(userId: string): Promise<number | undefined> {
    const now = deps.now();
    const hit = cuts.get(userId);
    if (hit !== undefined && hit.until > now) return hit.validAfter;
    const user = await deps.store.users.findById(userId);
    if (user === undefined) return undefined;
    if (cuts.size >= 10_000) cuts.clear();
    cuts.set(userId, { validAfter: user.sessionsValidAfter, until: now + ttl });
    return user.sessionsValidAfter;
  }

  /** Whether the token's session still has an unrevoked refresh token; "alive" answers cached for `ttl`. */
  async function sessionAlive(sessionId: string): Promise<boolean> {
    const now = deps.now();
    const until = alive.get(sessionId);
    if (until !== undefined && until > now) return true;
    if (!(await deps.store.accounts.refreshTokens.familyAlive(sessionId))) return false;
    if (alive.size >= 10_000) alive.clear();
    alive.set(sessionId, now + ttl);
    return true;
  }

  const authenticate = async (
    headers: IncomingHttpHeaders,
    clientIp: string,
  ): Promise<ApiPrincipal | null> => {
    const presented = presentedKey(headers);
    if (presented === undefined) return null;
    if (looksLikeJwt(presented)) {
      const claims = await deps.tokens.verify(presented);
      const validAfter = await sessionsCut(claims.userId);
      if (
        validAfter === undefined ||
        claims.issuedAt < validAfter ||
        !(await sessionAlive(claims.sessionId))
      ) {
        throw new GatewayError("unauthenticated", "This session has ended; sign in again.");
      }
      return { kind: "user", userId: claims.userId, sessionId: claims.sessionId };
    }
    const grant = await deps.keys.grant(presented);
    // The same rule as the data plane's: a key bound to ranges is refused from anywhere else.
    if (!grant.allowsAddress(clientIp)) {
      throw new GatewayError("permission_denied", "This API key may not be used from this address.");
    }
    const { key } = grant;
    return {
      kind: "api_key",
      keyId: key.id,
      tenantId: key.tenantId,
      workspaceId: key.workspaceId,
      serviceAccountId: key.serviceAccountId,
      userId: key.userId,
    };
  };
  return Object.assign(authenticate, {
    forget: (userId: string) => void cuts.delete(userId),
    forgetSession: (sessionId: string) => void alive.delete(sessionId),
  });
}

/** A compact JWS: three base64url parts, the header a JSON object (`eyJ` is `{"` encoded). */
function looksLikeJwt(token: string): boolean {
  return token.startsWith("eyJ") && token.split(".").length === 3;
}
