import { GatewayError } from "@gatehouse/protocol";
import type { Store } from "../../store/store.js";
import type { User } from "../../store/store-types.js";
import type { Page, PageRequest } from "../../store/tenancy-types.js";
import type { AccessTokens } from "./access-tokens.js";
import type { LoginThrottle } from "./login-throttle.js";
import { hashOpaqueToken, newOpaqueToken } from "./opaque-tokens.js";
import type { PasswordHasher } from "./password-hasher.js";

/** A signed-in session as the API answers it (SessionSchema). */
export interface IssuedSession {
  accessToken: string;
  tokenType: "Bearer";
  expiresIn: number;
  refreshToken: string;
  user: { id: string; email: string; name: string; emailVerified: boolean; createdAt: number };
}

export interface SessionServiceDeps {
  store: Store;
  hasher: PasswordHasher;
  tokens: AccessTokens;
  throttle: LoginThrottle;
  now: () => number;
  /** Told when a user's sessions were cut, so caches of the cut can drop the user at once. */
  onSessionsEnded?: (userId: string) => void;
  /** Told when one session was ended, so caches of live sessions can drop it at once. */
  onSessionRevoked?: (sessionId: string) => void;
  /** How long a refresh token lives unused; each refresh starts a new one. Default 30 days. */
  refreshTtlMs?: number;
}

/** Where a session signed in from, shown in the user's session list. */
export interface SessionDevice {
  ip: string | null;
  userAgent: string | null;
}

/** What a session keeps of its sign-in: when (set once) and the device. */
interface SessionOrigin extends SessionDevice {
  startedAt?: number;
}

const NO_DEVICE: SessionDevice = { ip: null, userAgent: null };

const WRONG = "The email or password is wrong.";
const SESSION_ENDED = "This session has ended; sign in again.";

/**
 * Sign-in and sessions: password login (throttled per account and address, with the same cost for an
 * unknown email as for a wrong password), short-lived access tokens, and refresh tokens that rotate on
 * every use. Each login starts a family; presenting a token of the family that was already used means it
 * was copied, so the whole family is revoked (OAuth 2.0 Security BCP, refresh token rotation).
 * @see https://datatracker.ietf.org/doc/html/rfc9700#section-4.14.2
 *
 * @example
 * const session = await sessions.logIn("ada@example.com", "correct horse battery", req.ip);
 * const next = await sessions.refresh(session.refreshToken);
 */
export class SessionService {
  private readonly refreshTtlMs: number;

  constructor(private readonly deps: SessionServiceDeps) {
    this.refreshTtlMs = deps.refreshTtlMs ?? 30 * 24 * 3_600_000;
  }

  async logIn(
    email: string,
    password: string,
    ip: string,
    userAgent: string | null = null,
  ): Promise<IssuedSession> {
    const { throttle, store, hasher } = this.deps;
    const verdict = await throttle.check(email, ip);
    if (!verdict.allowed) {
      throw new GatewayError("rate_limited", "Too many failed sign-ins; try again later.", {
        retryAfterSeconds: verdict.retryAfterSeconds,
      });
    }
    const user = await store.users.findByEmail(email);
    const ok =
      user === undefined
        ? await hasher.verifyAgainstNothing(password)
        : await hasher.verify(user.passwordHash, password);
    if (!ok || user === undefined) {
      await throttle.recordFailure(email, ip);
      throw new GatewayError("invalid_credentials", WRONG);
    }
    await throttle.recordSuccess(email, ip);
    if (hasher.needsRehash(user.passwordHash)) {
      await store.accounts.setPassword(user.id, await hasher.hash(password));
    }
    return this.start(user, undefined, { ip, userAgent });
  }

  /** Starts a new session (a new refresh family) for a user who just proved who they are. */
  async start(
    user: User,
    familyId = newOpaqueToken("ses").token.slice(0, 24),
    origin: SessionOrigin = NO_DEVICE,
  ): Promise<IssuedSession> {
    const refresh = newOpaqueToken("ghr");
    await this.deps.store.accounts.refreshTokens.insert({
      userId: user.id,
      familyId,
      tokenHash: refresh.hash,
      expiresAt: this.deps.now() + this.refreshTtlMs,
      ...(origin.startedAt !== undefined && { startedAt: origin.startedAt }),
      userAgent: origin.userAgent,
      ip: origin.ip,
    });
    const access = await this.deps.tokens.issue({ userId: user.id, sessionId: familyId });
    return {
      accessToken: access.token,
      tokenType: "Bearer",
      expiresIn: Math.max(0, Math.floor((access.expiresAt - this.deps.now()) / 1000)),
      refreshToken: refresh.token,
      user: publicUser(user),
    };
  }

  /** Trades a refresh token for a new session of the same family; a reused token ends the family. */
  async refresh(refreshToken: string): Promise<IssuedSession> {
    const { store, now } = this.deps;
    const row = await store.accounts.refreshTokens.findByHash(hashOpaqueToken(refreshToken));
    if (row === undefined || row.revokedAt !== null || row.expiresAt <= now()) {
      throw new GatewayError("unauthenticated", SESSION_ENDED);
    }
    if (!(await store.accounts.refreshTokens.markUsed(row.id))) {
      await store.accounts.refreshTokens.revokeFamily(row.familyId);
      throw new GatewayError("unauthenticated", SESSION_ENDED);
    }
    const user = await store.users.findById(row.userId);
    if (user === undefined) {
      throw new GatewayError("unauthenticated", SESSION_ENDED);
    }
    // The session keeps its sign-in time and device through rotations.
    return this.start(user, row.familyId, { startedAt: row.startedAt, ip: row.ip, userAgent: row.userAgent });
  }

  /** Ends the session the refresh token belongs to; an unknown token changes nothing. */
  async logOut(refreshToken: string): Promise<void> {
    const row = await this.deps.store.accounts.refreshTokens.findByHash(hashOpaqueToken(refreshToken));
    if (row !== undefined) await this.deps.store.accounts.refreshTokens.revokeFamily(row.familyId);
  }

  /** A page of the user's live sessions, newest sign-in first by default; `current` marks the caller's. */
  async list(userId: string, currentSessionId: string, page: PageRequest): Promise<Page<ListedSession>> {
    const rows = await this.deps.store.accounts.refreshTokens.listLive(userId, page);
    return {
      items: rows.items.map((r) => ({
        id: r.familyId,
        createdAt: r.startedAt,
        lastUsedAt: r.createdAt,
        expiresAt: r.expiresAt,
        userAgent: r.userAgent,
        ip: r.ip,
        current: r.familyId === currentSessionId,
      })),
      nextCursor: rows.nextCursor,
    };
  }

  /**
   * Ends one session of the user: its refresh tokens revoked at once, its access token refused on its
   * next request (the authenticator checks the session, see createApiAuthenticator). False when the
   * session is not the user's or already ended, so a stranger's session id changes nothing.
   */
  async revoke(userId: string, sessionId: string): Promise<boolean> {
    const revoked = await this.deps.store.accounts.refreshTokens.revokeLiveFamily(userId, sessionId);
    if (revoked) this.deps.onSessionRevoked?.(sessionId);
    return revoked;
  }

  /**
   * Ends every session of the user: refresh tokens revoked, access tokens issued before this second
   * refused. JWT times are whole seconds, so the cut is at the start of the current second: a session
   * started right after (a password change signs in again) is not caught by its own logout.
   */
  async logOutEverywhere(userId: string): Promise<void> {
    await this.deps.store.accounts.endSessions(userId, Math.floor(this.deps.now() / 1000) * 1000);
    this.deps.onSessionsEnded?.(userId);
  }
}

/** One live session as `auth.listSessions` answers it. */
export interface ListedSession {
  id: string;
  createdAt: number;
  lastUsedAt: number;
  expiresAt: number;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
}

/** A user as the API shows it: no password hash, no internal fields. */
export function publicUser(user: User): IssuedSession["user"] {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    emailVerified: user.emailVerifiedAt !== null,
    createdAt: user.createdAt,
  };
}
